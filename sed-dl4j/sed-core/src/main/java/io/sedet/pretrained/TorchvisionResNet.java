package io.sedet.pretrained;

import io.sedet.io.InputException;
import io.sedet.model.BackboneSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torchvision's ResNet-18/34/50 state dict (as safetensors) → this project's backbone parameters.
 * The architectures are the same (ResNet v1.5: a bottleneck strides in its 3×3 convolution, a
 * projection shortcut is a strided 1×1 convolution and BatchNorm); only names and the weight
 * layout differ:
 * <pre>
 *   conv1.weight                    → backbone.stem.conv.w          OIHW → HWIO (YXIO)
 *   bn1.{weight,bias}               → backbone.stem.bn.{gamma,beta}
 *   bn1.running_{mean,var}          → backbone.stem.bn.running_{mean,var}
 *   layerS.i.convK.weight           → backbone.layerS.i.convK.w
 *   layerS.i.bnK.*                  → backbone.layerS.i.bnK.*
 *   layerS.i.downsample.0.weight    → backbone.layerS.i.down.conv.w
 *   layerS.i.downsample.1.*         → backbone.layerS.i.down.bn.*
 * </pre>
 * {@code fc.*} and {@code num_batches_tracked} are not used. torchvision's BatchNorm ε (1e-5) is
 * this project's.
 */
public final class TorchvisionResNet {
    private TorchvisionResNet() {
    }

    /**
     * Our backbone's parameters from the tensors of {@code file}.
     *
     * @param trainable receives convolution weights and BatchNorm γ, β
     * @param running   receives BatchNorm running means and variances
     * @return how many torchvision tensors were used
     */
    public static int convert(Map<String, SafeTensors.Tensor> tensors, int depth, Path file,
                              Map<String, INDArray> trainable, Map<String, INDArray> running) {
        BackboneSpec spec = new BackboneSpec(depth, 1.0);
        List<String> missing = new ArrayList<>();
        int used = 0;
        Map<String, String> convs = new LinkedHashMap<>();
        Map<String, String> bns = new LinkedHashMap<>();
        convs.put("conv1", "backbone.stem.conv");
        bns.put("bn1", "backbone.stem.bn");
        int[] blocks = spec.blocks();
        int convsPerBlock = spec.bottleneck() ? 3 : 2;
        int cin = spec.stemWidth();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                String tv = "layer" + (s + 1) + "." + i;
                String ours = "backbone." + tv;
                for (int k = 1; k <= convsPerBlock; k++) {
                    convs.put(tv + ".conv" + k, ours + ".conv" + k);
                    bns.put(tv + ".bn" + k, ours + ".bn" + k);
                }
                int stride = (i == 0 && s > 0) ? 2 : 1;
                if (cin != spec.stageOutput(s) || stride != 1) {
                    convs.put(tv + ".downsample.0", ours + ".down.conv");
                    bns.put(tv + ".downsample.1", ours + ".down.bn");
                }
                cin = spec.stageOutput(s);
            }
        }
        for (Map.Entry<String, String> e : convs.entrySet()) {
            SafeTensors.Tensor t = tensors.get(e.getKey() + ".weight");
            if (t == null) {
                missing.add(e.getKey() + ".weight");
                continue;
            }
            if (t.values() == null || t.shape().length != 4) {
                throw new InputException(file, e.getKey() + ".weight has shape " + java.util.Arrays.toString(t.shape())
                        + ", not a convolution's [out, in, kH, kW]");
            }
            // OIHW -> HWIO (SameDiff's YXIO weights)
            INDArray oihw = Nd4j.create(t.values(), t.shape(), 'c');
            trainable.put(e.getValue() + ".w", oihw.permute(2, 3, 1, 0).dup('c'));
            used++;
        }
        String[][] bnParts = {{"weight", "gamma"}, {"bias", "beta"}, {"running_mean", "running_mean"},
            {"running_var", "running_var"}};
        for (Map.Entry<String, String> e : bns.entrySet()) {
            for (String[] part : bnParts) {
                SafeTensors.Tensor t = tensors.get(e.getKey() + "." + part[0]);
                if (t == null) {
                    missing.add(e.getKey() + "." + part[0]);
                    continue;
                }
                if (t.values() == null || t.shape().length != 1) {
                    throw new InputException(file, e.getKey() + "." + part[0] + " is a " + t.dtype() + " tensor of shape "
                            + java.util.Arrays.toString(t.shape()) + ", not BatchNorm's float vector");
                }
                INDArray v = Nd4j.create(t.values(), new long[] {t.values().length}, 'c');
                (part[0].startsWith("running") ? running : trainable).put(e.getValue() + "." + part[1], v);
                used++;
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(file, "not a torchvision ResNet-" + depth + " state dict: " + missing.size()
                    + " tensors missing (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); is the depth right?");
        }
        return used;
    }
}
