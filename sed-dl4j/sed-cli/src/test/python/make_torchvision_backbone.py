#!/usr/bin/env python3
"""Fixture of TorchvisionImportTest: a torchvision ResNet with random weights and BatchNorm
statistics, its state dict as a safetensors file (written here by hand: an 8-byte little-endian
header length, a JSON header, raw little-endian data; num_batches_tracked kept as I64, as a real
export has it), and the network's C3, C4, C5 (layer2..layer4 outputs, eval mode) for one random
input, in a second safetensors file.

  /usr/bin/python3 make_torchvision_backbone.py --depth 18 --seed 1 --size 64 --out DIR
  (Debian: apt-get install python3-torch python3-torchvision)

Writes DIR/resnet<depth>.safetensors and DIR/expected.safetensors (input, c3, c4, c5).
"""
import argparse
import json
import struct

import numpy as np
import torch
import torchvision


def save(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = t.detach().contiguous().numpy()
        dtype = {np.dtype("float32"): "F32", np.dtype("int64"): "I64"}[a.dtype]
        data = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--depth", type=int, required=True, choices=[18, 34, 50])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    m = getattr(torchvision.models, "resnet%d" % a.depth)(weights=None)
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, torch.nn.BatchNorm2d):
                mod.weight.uniform_(0.5, 1.5)
                mod.bias.normal_(0, 0.1)
                mod.running_mean.normal_(0, 0.1)
                mod.running_var.uniform_(0.5, 1.5)
    m.eval()
    x = torch.randn(1, 3, a.size, a.size)
    with torch.no_grad():
        h = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        c2 = m.layer1(h)
        c3 = m.layer2(c2)
        c4 = m.layer3(c3)
        c5 = m.layer4(c4)
    save("%s/resnet%d.safetensors" % (a.out, a.depth), m.state_dict())
    save("%s/expected.safetensors" % a.out, {"input": x, "c3": c3, "c4": c4, "c5": c5})


if __name__ == "__main__":
    main()
