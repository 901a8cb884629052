package io.sedet.config;

/**
 * The photometric strong augmentation that turns the weak view u_w into the student's u_s
 * (no geometric change, so anchors stay aligned with the teacher's). Defaults in
 * {@link #defaults()}, the usual STAC/Unbiased-Teacher recipe at this project's scale.
 *
 * @param jitter           brightness, contrast and saturation uniformly within ±this (0.4)
 * @param greyProbability  probability of greyscale (saturation 0) (0.2)
 * @param blurProbability  probability of a Gaussian blur (0.5)
 * @param blurSigmaMin     blur σ in pixels, uniform in [min, max] (0.1, 2.0)
 * @param blurSigmaMax
 * @param cutoutProbability probability of cutout (0.7)
 * @param cutoutMax        cutout rectangles, uniform in 1..this (5)
 * @param cutoutAreaMin    area of one rectangle as a fraction of the image, uniform in [min, max] (0.002, 0.02)
 * @param cutoutAreaMax
 */
public record StrongAugment(double jitter, double greyProbability, double blurProbability, double blurSigmaMin,
                            double blurSigmaMax, double cutoutProbability, int cutoutMax, double cutoutAreaMin,
                            double cutoutAreaMax) {

    public static StrongAugment defaults() {
        return new StrongAugment(0.4, 0.2, 0.5, 0.1, 2.0, 0.7, 5, 0.002, 0.02);
    }

    /** No change at all (u_s = u_w), for tests and ablations. */
    public static StrongAugment none() {
        return new StrongAugment(0, 0, 0, 0.1, 0.1, 0, 1, 0, 0);
    }
}
