package io.sedet.loss;

import io.sedet.data.TrainBatch;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * RetinaNet's supervised loss on matched anchors, added to the graph with its target
 * placeholders (N = anchors over all levels, in the order of {@code AnchorGenerator.all}):
 * <ul>
 *   <li>{@value #CLS_TARGET} {@code [B, N, C]}: one-hot class of positive anchors, zeros elsewhere;</li>
 *   <li>{@value #CLS_WEIGHT} {@code [B, N]}: 1 for positive and negative anchors, 0 for ignored;</li>
 *   <li>{@value #BOX_TARGET} {@code [B, N, 4]}: encoded deltas of the matched ground truth;</li>
 *   <li>{@value #BOX_WEIGHT} {@code [B, N]}: 1 for positive anchors;</li>
 *   <li>{@value #NORMALIZER} scalar: max(1, positives in the batch).</li>
 * </ul>
 * {@code loss_cls = Σ focal / norm}, {@code loss_box = Σ smoothL1 / norm} (or Σ (1 − GIoU) / norm
 * of the decoded boxes).
 */
public final class SupervisedLoss {
    /** Prefix of the labeled batch's placeholders; mean teacher's pseudo-labels use {@value #PSEUDO}. */
    public static final String SUP = "sup.";
    public static final String PSEUDO = "pseudo.";
    public static final String CLS_TARGET = SUP + "cls_target";
    public static final String CLS_WEIGHT = SUP + "cls_weight";
    public static final String BOX_TARGET = SUP + "box_target";
    public static final String BOX_WEIGHT = SUP + "box_weight";
    public static final String NORMALIZER = SUP + "normalizer";
    public static final String LOSS_CLS = SUP + "loss_cls";
    public static final String LOSS_BOX = SUP + "loss_box";

    /** The regression loss on positive anchors. */
    public enum BoxLoss {
        /** SmoothL1 of the encoded deltas (RetinaNet). */
        SMOOTH_L1,
        /** 1 − generalised IoU of the decoded boxes (Rezatofighi et al. 2019). */
        GIOU
    }

    /** Focal α, focal γ, SmoothL1 β and the box loss. */
    public record Config(double focalAlpha, double focalGamma, double smoothL1Beta, BoxLoss boxLoss) {
        public static Config retinaNet() {
            return new Config(0.25, 2.0, 1.0 / 9, BoxLoss.SMOOTH_L1);
        }

        public Config withBoxLoss(BoxLoss b) {
            return new Config(focalAlpha, focalGamma, smoothL1Beta, b);
        }
    }

    /** The two loss terms (scalars). */
    public record Terms(SDVariable cls, SDVariable box) {
        public SDVariable total() {
            return cls.add(box);
        }
    }

    private SupervisedLoss() {
    }

    /** {@link #build(SameDiff, SDVariable, SDVariable, float[], int, int, Config, DataType)} for SmoothL1 (no anchors needed). */
    public static Terms build(SameDiff sd, SDVariable cls, SDVariable box, int numAnchors, int numClasses,
                              Config cfg, DataType dtype) {
        if (cfg.boxLoss() != BoxLoss.SMOOTH_L1) {
            throw new IllegalArgumentException(cfg.boxLoss() + " needs the anchors");
        }
        return build(sd, cls, box, null, numAnchors, numClasses, cfg, dtype);
    }

    /**
     * Adds the placeholders and the two terms; returns them (named {@value #LOSS_CLS}, {@value #LOSS_BOX}).
     *
     * @param anchors {@code [N*4]} xyxy in the order of the dense outputs (used by GIoU to decode boxes)
     */
    public static Terms build(SameDiff sd, SDVariable cls, SDVariable box, float[] anchors, int numAnchors,
                              int numClasses, Config cfg, DataType dtype) {
        return build(sd, SUP, cls, box, anchors, numAnchors, numClasses, cfg, dtype);
    }

    /**
     * As {@link #build(SameDiff, SDVariable, SDVariable, float[], int, int, Config, DataType)} with
     * placeholders and terms named {@code prefix + "cls_target"}, ... (several supervised losses in
     * one graph: the labeled batch and mean teacher's pseudo-labeled batch).
     */
    public static Terms build(SameDiff sd, String prefix, SDVariable cls, SDVariable box, float[] anchors,
                              int numAnchors, int numClasses, Config cfg, DataType dtype) {
        SDVariable clsTarget = sd.placeHolder(prefix + "cls_target", dtype, -1, numAnchors, numClasses);
        SDVariable clsWeight = sd.placeHolder(prefix + "cls_weight", dtype, -1, numAnchors);
        SDVariable boxTarget = sd.placeHolder(prefix + "box_target", dtype, -1, numAnchors, 4);
        SDVariable boxWeight = sd.placeHolder(prefix + "box_weight", dtype, -1, numAnchors);
        SDVariable norm = sd.placeHolder(prefix + "normalizer", dtype);
        SDVariable focal = DenseLosses.sigmoidFocal(sd, cls, clsTarget, cfg.focalAlpha(), cfg.focalGamma());
        SDVariable lossCls = focal.sum(2).mul(clsWeight).sum().div(norm).rename(prefix + "loss_cls");
        SDVariable perAnchor = switch (cfg.boxLoss()) {                   // [B, N]
            case SMOOTH_L1 -> DenseLosses.smoothL1(sd, box, boxTarget, cfg.smoothL1Beta()).sum(2);
            case GIOU -> DenseLosses.giouLoss(sd, box, boxTarget, anchors, dtype);
        };
        SDVariable lossBox = perAnchor.mul(boxWeight).sum().div(norm).rename(prefix + "loss_box");
        return new Terms(lossCls, lossBox);
    }

    /**
     * Puts the target arrays of a batch of {@code b} images ({@code [B, N, C]}, {@code [B, N]},
     * {@code [B, N, 4]}, {@code [B, N]}, see the class comment) and the normaliser
     * {@code max(1, numPositives)} into {@code inputs} under the placeholder names of {@code prefix}.
     */
    public static void feed(Map<String, INDArray> inputs, String prefix, int b, float[] clsTarget, float[] clsWeight,
                            float[] boxTarget, float[] boxWeight, int numPositives) {
        feed(inputs, prefix, b, clsTarget, clsWeight, boxTarget, boxWeight, (float) Math.max(1, numPositives));
    }

    /** As {@link #feed(Map, String, int, float[], float[], float[], float[], int)} with the normaliser given (≥ 1). */
    public static void feed(Map<String, INDArray> inputs, String prefix, int b, float[] clsTarget, float[] clsWeight,
                            float[] boxTarget, float[] boxWeight, float normalizer) {
        int n = clsWeight.length / b;
        int c = clsTarget.length / clsWeight.length;
        inputs.put(prefix + "cls_target", Nd4j.create(clsTarget, new long[] {b, n, c}, 'c'));
        inputs.put(prefix + "cls_weight", Nd4j.create(clsWeight, new long[] {b, n}, 'c'));
        inputs.put(prefix + "box_target", Nd4j.create(boxTarget, new long[] {b, n, 4}, 'c'));
        inputs.put(prefix + "box_weight", Nd4j.create(boxWeight, new long[] {b, n}, 'c'));
        inputs.put(prefix + "normalizer", Nd4j.scalar(DataType.FLOAT, normalizer));
    }

    /** {@link #feed(Map, String, int, float[], float[], float[], float[], int)} of a {@link TrainBatch}. */
    public static void feed(Map<String, INDArray> inputs, String prefix, TrainBatch batch) {
        feed(inputs, prefix, batch.batchSize(), batch.clsTarget(), batch.clsWeight(), batch.boxTarget(),
                batch.boxWeight(), batch.numPositives());
    }
}
