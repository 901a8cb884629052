package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which anchors of a paired set Ω a distillation sum runs over (SED-SPEC sums over all of Ω).
 * {@link #FOREGROUND} is this project's deviation, after Dense Teacher's selection: per image, the
 * ⌈f·|Ω|⌉ anchors with the largest foreground weight w = max_c t (f = {@code semi.foregroundFraction}),
 * the set F ⊆ Ω. Used by {@code semi.normalizer} (N = max(1, Σ w) over Ω or F) and
 * {@code semi.boxAnchors} (L_reg over Ω or F).
 */
public enum AnchorSet implements ConfigEnum {
    /** Every anchor of Ω (SED-SPEC). */
    ALL("all"),
    /** The teacher's top-f anchors of each image by w (F). */
    FOREGROUND("foreground");

    private final String label;

    AnchorSet(String label) {
        this.label = label;
    }

    /**
     * Whether the distillation needs the foreground selection F: the one definition, read by the
     * config and by the loss that consumes it.
     */
    public static boolean selectsForeground(AnchorSet normalizer, AnchorSet boxAnchors) {
        return normalizer == FOREGROUND || boxAnchors == FOREGROUND;
    }

    @Override
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static AnchorSet parse(String s) {
        return ConfigEnum.parse(AnchorSet.class, s, "semi.normalizer / semi.boxAnchors");
    }
}
