package io.sedet.model;

import io.sedet.anchor.AnchorSpec;

/**
 * Shape of a ResNet-FPN RetinaNet.
 *
 * @param backbone    ResNet depth and width
 * @param fpnChannels channels of P3..P7 and of the head towers
 * @param headConvs   3×3 conv + ReLU layers in each head tower (RetinaNet: 4)
 * @param numClasses  C, object classes (sigmoid outputs, no background class)
 * @param anchors     anchor layout; its levels are the FPN levels
 * @param priorProb   π of the classification bias {@code -log((1 − π)/π)} (RetinaNet: 0.01)
 * @param p6Source    what P6 is computed from: C5 (the RetinaNet paper, detectron2) or P5
 *                    (torchvision's {@code LastLevelP6P7(256, 256)}, fewer parameters)
 * @param norm        how the backbone's BatchNorm layers train
 * @param freezeAt    the backbone stages that never train ({@link #frozen})
 * @param p2          whether the FPN also has P2 (stride 4, from C2): computed only for SED's half
 *                    view, where it is the scale-equivalent partner of the full view's P3, so that
 *                    every full-view level has one; its parameters ({@link #halfViewOnly}) are
 *                    unused by every other pass, and the detector predicts from P3..P7 either way
 */
public record DetectorSpec(BackboneSpec backbone, int fpnChannels, int headConvs, int numClasses,
                           AnchorSpec anchors, double priorProb, P6Source p6Source, Norm norm, int freezeAt,
                           boolean p2) {

    /** Input of the stride-2 convolution that makes P6. */
    public enum P6Source { C5, P5 }

    /** How BatchNorm trains; at inference both are the fixed affine of the running statistics. */
    public enum Norm {
        /** Batch statistics while training; γ, β trained; running statistics kept (training from scratch). */
        BATCH,
        /**
         * A fixed affine {@code γ·(x − mean)/√(var + ε) + β} of the stored values, trained never
         * (torchvision's {@code FrozenBatchNorm2d}, detectron2's {@code FrozenBN}: fine-tuning a
         * pretrained backbone with small batches). Folded into the preceding convolution.
         */
        FROZEN
    }

    /**
     * RetinaNet's defaults around the given shape: its anchors, π = 0.01, P6 from C5, BatchNorm with
     * batch statistics, nothing frozen; change those with the {@code with…} methods.
     */
    public static DetectorSpec retinaNet(BackboneSpec backbone, int fpnChannels, int headConvs, int numClasses) {
        return new DetectorSpec(backbone, fpnChannels, headConvs, numClasses, AnchorSpec.retinaNet(), 0.01,
                P6Source.C5, Norm.BATCH, 0, false);
    }

    /** This spec with P6 computed from {@code source}. */
    public DetectorSpec withP6(P6Source source) {
        return new DetectorSpec(backbone, fpnChannels, headConvs, numClasses, anchors, priorProb, source, norm, freezeAt, p2);
    }

    /** This spec with the backbone's BatchNorms trained as {@code n}. */
    public DetectorSpec withNorm(Norm n) {
        return new DetectorSpec(backbone, fpnChannels, headConvs, numClasses, anchors, priorProb, p6Source, n, freezeAt, p2);
    }

    /** This spec with the backbone stages up to {@code stages} frozen ({@link #frozen}). */
    public DetectorSpec withFreezeAt(int stages) {
        return new DetectorSpec(backbone, fpnChannels, headConvs, numClasses, anchors, priorProb, p6Source, norm, stages, p2);
    }

    /** This spec with (or without) the half view's P2 ({@link #p2}). */
    public DetectorSpec withP2(boolean withP2) {
        return new DetectorSpec(backbone, fpnChannels, headConvs, numClasses, anchors, priorProb, p6Source, norm, freezeAt,
                withP2);
    }

    /** Name prefixes of the parameters that only the half view's P2 uses ({@link #halfViewOnly}). */
    private static final String P2_LATERAL = "fpn.lateral2.";
    private static final String P2_OUTPUT = "fpn.output2.";

    /**
     * Whether parameter {@code name} is used only by SED's half view (the FPN's P2, {@link #p2}):
     * a graph without that pass has no variable for it, and an update leaves it as it is.
     */
    public boolean halfViewOnly(String name) {
        return p2 && (name.startsWith(P2_LATERAL) || name.startsWith(P2_OUTPUT));
    }

    /**
     * Whether parameter {@code name} belongs to a stage {@link #freezeAt} freezes (detectron2's
     * FREEZE_AT: 1 the stem, 2 the stem and layer1, … 5 the whole ResNet). Training graphs hold
     * these as constants: no gradient is computed for them, and none flows below them.
     */
    public boolean frozen(String name) {
        if (freezeAt >= 1 && name.startsWith("backbone.stem.")) {
            return true;
        }
        for (int s = 1; s < freezeAt; s++) {
            if (name.startsWith("backbone.layer" + s + ".")) {
                return true;
            }
        }
        return false;
    }

    public DetectorSpec {
        if (freezeAt < 0 || freezeAt > 5) {
            throw new IllegalArgumentException("freezeAt must be 0..5, got " + freezeAt);
        }
        if (anchors.minLevel() != 3 || anchors.maxLevel() != 7) {
            throw new IllegalArgumentException("the FPN produces levels P3..P7; anchors ask for "
                    + anchors.minLevel() + ".." + anchors.maxLevel());
        }
        if (p6Source == null) {
            throw new IllegalArgumentException("p6Source must be C5 or P5");
        }
        if (norm == null) {
            throw new IllegalArgumentException("norm must be BATCH or FROZEN");
        }
        if (numClasses < 1 || fpnChannels < 1 || headConvs < 0) {
            throw new IllegalArgumentException("bad detector shape: classes " + numClasses + ", fpn "
                    + fpnChannels + ", head convs " + headConvs);
        }
    }

    /** Input sides must be multiples of this (the 0.5× SED view then still divides by 2^6). */
    public static final int SIZE_DIVISOR = 128;
}
