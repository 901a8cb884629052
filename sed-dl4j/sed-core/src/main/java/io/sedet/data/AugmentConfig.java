package io.sedet.data;

/**
 * Training augmentation.
 *
 * @param flipProbability  probability of a horizontal flip
 * @param jitterStrength   photometric jitter: brightness, contrast and saturation uniformly within ±this
 * @param scaleMin         random resize: the fitted scale is multiplied by a factor in [scaleMin, scaleMax]
 * @param scaleMax         (1, 1 for none)
 */
public record AugmentConfig(double flipProbability, double jitterStrength, double scaleMin, double scaleMax) {
    public static AugmentConfig none() {
        return new AugmentConfig(0, 0, 1, 1);
    }

    public static AugmentConfig standard() {
        return new AugmentConfig(0.5, 0.2, 1, 1);
    }
}
