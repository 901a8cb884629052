#!/usr/bin/env python3
"""Writes a COCO-sized evaluation workload: GT instances and a results file.

  make_bench_data.py OUTDIR [--images 5000] [--dets 100] [--seed 0]

5000 images of 640x480, 80 categories, about 7 objects per image (log-uniform sizes 4..400 px,
segment area 50-100% of the box, 1% crowd), exactly --dets detections per image (60% jittered
copies of objects with 10% class noise, 40% random boxes), uniform scores. Deterministic.
"""
import argparse
import json
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--images", type=int, default=5000)
    ap.add_argument("--dets", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    W, H, K = 640, 480, 80
    images = [{"id": i + 1, "file_name": "%012d.jpg" % (i + 1), "width": W, "height": H} for i in range(a.images)]
    anns, dets = [], []
    for img in range(1, a.images + 1):
        n = int(rng.poisson(7))
        boxes = []
        for _ in range(n):
            w, h = np.exp(rng.uniform(np.log(4), np.log(400), 2))
            x, y = rng.uniform(0, W - min(w, W - 1)), rng.uniform(0, H - min(h, H - 1))
            w, h = min(w, W - x), min(h, H - y)
            cat = int(rng.integers(1, K + 1))
            b = [round(float(v), 2) for v in (x, y, w, h)]
            anns.append({"id": len(anns) + 1, "image_id": img, "category_id": cat, "bbox": b,
                         "area": round(float(b[2] * b[3] * rng.uniform(0.5, 1.0)), 2),
                         "iscrowd": int(rng.uniform() < 0.01)})
            boxes.append((b, cat))
        for _ in range(a.dets):
            if boxes and rng.uniform() < 0.6:
                (x, y, w, h), cat = boxes[int(rng.integers(len(boxes)))]
                j = rng.normal(0, 0.1, 4) * [w, h, w, h]
                b = [x + j[0], y + j[1], max(1.0, w + j[2]), max(1.0, h + j[3])]
                if rng.uniform() < 0.1:
                    cat = int(rng.integers(1, K + 1))
            else:
                w, h = np.exp(rng.uniform(np.log(4), np.log(400), 2))
                b = [rng.uniform(0, W - 4), rng.uniform(0, H - 4), w, h]
                cat = int(rng.integers(1, K + 1))
            dets.append({"image_id": img, "category_id": cat, "bbox": [round(float(v), 2) for v in b],
                         "score": round(float(rng.uniform(0.01, 1.0)), 5)})
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "gt.json"), "w") as f:
        json.dump({"images": images, "categories": [{"id": k, "name": "c%d" % k} for k in range(1, K + 1)],
                   "annotations": anns}, f)
    with open(os.path.join(a.out, "dt.json"), "w") as f:
        json.dump(dets, f)
    print("wrote %d images, %d objects, %d detections to %s" % (a.images, len(anns), len(dets), a.out))


if __name__ == "__main__":
    main()
