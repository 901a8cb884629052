package io.sedet.model;

import io.sedet.anchor.AnchorSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ResNet-FPN RetinaNet written into a {@link SameDiff} graph from its named parts:
 * {@link ResNet} (C2..C5), {@link Fpn} (P3..P7), {@link RetinaHead} (shared across levels), each
 * convolution + BatchNorm by {@link ConvBatchNorm} and every layer through {@link GraphLayers}.
 * Weights are graph variables named after their place ("backbone.layer2.0.conv1.w",
 * "head.cls.1.w"); calling {@link #forward} more than once (several inputs, e.g. SED's student on
 * u_s and u_s↓) reuses them, so gradients of shared weights add up.
 *
 * <p>Symbols: B batch, H×W input (multiples of 128), C classes, A anchors per location,
 * F FPN channels, l level (stride 2^l). Layout NCHW inside while training, NHWC at inference
 * (input {@code [B, 3, H, W]} either way); outputs per level
 * {@code cls[l]: [B, H/2^l, W/2^l, A, C]} logits and {@code box[l]: [B, H/2^l, W/2^l, A, 4]} deltas.
 *
 * <p>BatchNorm ({@link ConvBatchNorm.Strategy}): while training with {@link DetectorSpec.Norm#BATCH},
 * libnd4j's fused op with batch statistics, exposed as {@link #batchStats()} for the running
 * averages; at inference, and always with {@link DetectorSpec.Norm#FROZEN}, the fixed affine of the
 * stored statistics folded into the preceding convolution's weights and bias.
 */
public final class RetinaNet {
    /** How BatchNorm normalises. */
    public enum Mode { TRAIN, INFER }

    /** One FPN level's dense outputs. */
    public record LevelOutput(int level, SDVariable cls, SDVariable box, int height, int width) {
    }

    /** Batch mean and variance {@code [C]} of one BatchNorm in TRAIN mode, with its running-stat names. */
    public record BatchStat(String runningMean, String runningVar, SDVariable mean, SDVariable var) {
    }

    private final DetectorSpec spec;
    private final GraphLayers layers;
    private final ConvBatchNorm bn;
    private final ResNet resNet;
    private final Fpn fpn;
    private final RetinaHead head;

    /**
     * @param params values to use; missing entries are initialised (He-normal convolutions,
     *               RetinaNet's head init) from {@code seed} and added to it
     */
    public RetinaNet(SameDiff sd, DetectorSpec spec, DetectorParams params, Mode mode, DataType dtype, long seed) {
        this.spec = spec;
        this.layers = new GraphLayers(sd, spec, params, mode, dtype, seed);
        this.bn = new ConvBatchNorm(layers);
        this.resNet = new ResNet(layers, bn);
        this.fpn = new Fpn(layers);
        this.head = new RetinaHead(layers);
    }

    public DetectorSpec spec() {
        return spec;
    }

    /**
     * Batch statistics of the first forward pass (TRAIN mode), by BatchNorm name: only that pass
     * feeds the running statistics. SED's student graph makes its first pass on the labeled and
     * strong views together ({@code concat}), so the running statistics are those of the images
     * the student is trained on at full size; the half view's pass normalises with its own batch
     * statistics and feeds nothing.
     */
    public Map<String, BatchStat> batchStats() {
        return bn.batchStats();
    }

    /**
     * The BatchNorms of an {@link Mode#INFER} graph, folded into their convolutions as graph
     * constants: {@link InferenceGraph#refresh()} recomputes them from the parameters.
     */
    List<FoldedBatchNorm> folds() {
        return bn.folds();
    }

    /**
     * Adds the network applied to {@code images} {@code [B, 3, H, W]} to the graph, all levels
     * P3..P7; H and W must be multiples of 2^7.
     *
     * @return per level, P3 first
     */
    public List<LevelOutput> forward(SDVariable images, int height, int width) {
        return forward(images, height, width, spec.anchors().maxLevel());
    }

    /**
     * Adds the network applied to {@code images} {@code [B, 3, H, W]} with the head on P3..P{maxLevel}
     * only (SED's half view u_s↓ has no partner for its P7, so it stops at P6). Every level's grid
     * is {@code H/2^l × W/2^l}, which the stride-2, pad-1 convolutions give only when H and W are
     * multiples of 2^maxLevel (they give the ceiling otherwise): anything else is refused.
     *
     * @return per level, P3 first
     */
    public List<LevelOutput> forward(SDVariable images, int height, int width, int maxLevel) {
        return forward(images, height, width, spec.anchors().minLevel(), maxLevel);
    }

    /**
     * As {@link #forward(SDVariable, int, int, int)} from level {@code minLevel}: 2 adds P2, which
     * only SED's half view computes (a spec with {@link DetectorSpec#p2}); the head is the same on
     * every level.
     *
     * @return per level, the lowest first
     */
    public List<LevelOutput> forward(SDVariable images, int height, int width, int minLevel, int maxLevel) {
        AnchorSpec a = spec.anchors();
        if (maxLevel < a.minLevel() || maxLevel > a.maxLevel()) {
            throw new IllegalArgumentException("max level " + maxLevel + " outside P" + a.minLevel() + "..P" + a.maxLevel());
        }
        int divisor = 1 << maxLevel;
        if (height % divisor != 0 || width % divisor != 0) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is not a multiple of " + divisor
                    + ": P" + maxLevel + " would not be a " + height / divisor + "x" + width / divisor
                    + " grid (give sizes divisible by 2^" + maxLevel + ", or stop at a lower level)");
        }
        SDVariable[] c = resNet.apply(layers.nhwc ? images.permute(0, 2, 3, 1) : images);
        SDVariable[] p = fpn.apply(c[0], c[1], c[2], c[3], minLevel, maxLevel);
        List<LevelOutput> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            int level = minLevel + i;
            out.add(head.apply(level, p[i], height >> level, width >> level));
        }
        return out;
    }

    /**
     * C2..C5 of the backbone alone (strides 4..32), each {@code [B, C, H/s, W/s]}, for images
     * {@code [B, 3, H, W]} — what pretrained weights are checked against.
     */
    public SDVariable[] features(SDVariable images) {
        SDVariable[] c = resNet.apply(layers.nhwc ? images.permute(0, 2, 3, 1) : images);
        if (layers.nhwc) {
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].permute(0, 3, 1, 2);
            }
        }
        return c;
    }
}
