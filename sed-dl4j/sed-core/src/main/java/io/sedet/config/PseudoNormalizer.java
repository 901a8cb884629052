package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What mean teacher's pseudo-labeled term is divided by ({@code semi.pseudoNormalizer}). Both sum
 * the focal loss over every non-ignored anchor of the unlabeled batch; they differ when the
 * teacher gives few or no pseudo-boxes.
 */
public enum PseudoNormalizer implements ConfigEnum {
    /**
     * max(1, positives of the pseudo-labels): the pseudo-labeled batch as a supervised batch of its
     * own. With no pseudo-box the normaliser is 1, so the background loss summed over all anchors
     * of u_s outweighs the labeled term (normalised by its tens of positives).
     */
    PSEUDO("pseudo"),
    /**
     * max(1, positives of the labeled batch + positives of the pseudo-labels): the labeled and the
     * pseudo-labeled images normalised as one batch (torchvision and detectron2 divide a batch by
     * its positives); the labeled term keeps its own normaliser.
     */
    JOINT("joint");

    private final String label;

    PseudoNormalizer(String label) {
        this.label = label;
    }

    @Override
    @JsonValue
    public String label() {
        return label;
    }

    /** The normaliser for {@code pseudoPositives} pseudo-labeled and {@code labeledPositives} labeled positive anchors. */
    public float of(int pseudoPositives, int labeledPositives) {
        return Math.max(1, this == JOINT ? pseudoPositives + labeledPositives : pseudoPositives);
    }

    @JsonCreator
    public static PseudoNormalizer parse(String s) {
        return ConfigEnum.parse(PseudoNormalizer.class, s, "semi.pseudoNormalizer");
    }
}
