package io.sedet.anchor;

import java.util.Arrays;

/**
 * RetinaNet anchors: on FPN level l (stride 2^l) the base size is {@code sizeFactor * 2^l}, and
 * every location carries {@code scales.length * ratios.length} anchors (A). Defaults: levels
 * 3..7, size factor 4, scales {2^0, 2^(1/3), 2^(2/3)}, ratios (h/w) {0.5, 1, 2} — A = 9.
 *
 * <p>Because the base size is proportional to the stride, the anchors of level l−1 on an image
 * downscaled by 0.5 are exactly half the anchors of level l on the full image (SED's
 * scale-equivalent pairing).
 */
public record AnchorSpec(int minLevel, int maxLevel, double sizeFactor, double[] scales, double[] ratios) {

    public AnchorSpec {
        if (minLevel < 1 || maxLevel < minLevel) {
            throw new IllegalArgumentException("bad FPN levels " + minLevel + ".." + maxLevel);
        }
        scales = scales.clone();
        ratios = ratios.clone();
    }

    public static AnchorSpec retinaNet() {
        return new AnchorSpec(3, 7, 4.0, new double[] {1.0, Math.pow(2, 1.0 / 3), Math.pow(2, 2.0 / 3)},
                new double[] {0.5, 1.0, 2.0});
    }

    /** Anchors per location (A). */
    public int anchorsPerLocation() {
        return scales.length * ratios.length;
    }

    public int numLevels() {
        return maxLevel - minLevel + 1;
    }

    public int stride(int level) {
        return 1 << level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorSpec a && a.minLevel == minLevel && a.maxLevel == maxLevel
                && a.sizeFactor == sizeFactor && Arrays.equals(a.scales, scales) && Arrays.equals(a.ratios, ratios);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scales) * 31 + Arrays.hashCode(ratios) + minLevel * 7 + maxLevel;
    }

    @Override
    public String toString() {
        return "AnchorSpec[levels " + minLevel + ".." + maxLevel + ", size " + sizeFactor + "*2^l, scales "
                + Arrays.toString(scales) + ", ratios " + Arrays.toString(ratios) + "]";
    }
}
