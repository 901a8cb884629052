package io.sedet.config;

/**
 * RetinaNet post-processing (torchvision's defaults).
 *
 * @param scoreThreshold    candidates need a class probability above this (0.05)
 * @param topKPerLevel      candidates kept per FPN level before NMS, by score (1000)
 * @param nmsThreshold      per-class NMS IoU threshold (0.5)
 * @param detectionsPerImage kept after NMS, by score (100)
 */
public record PostprocessConfig(double scoreThreshold, int topKPerLevel, double nmsThreshold, int detectionsPerImage) {
    public static PostprocessConfig retinaNet() {
        return new PostprocessConfig(0.05, 1000, 0.5, 100);
    }

    /** What is wrong with the values (naming the key), or null. */
    public String problem() {
        if (!(scoreThreshold >= 0 && scoreThreshold < 1)) {
            return "scoreThreshold must be in [0, 1), got " + scoreThreshold;
        }
        if (topKPerLevel < 1 || detectionsPerImage < 1) {
            return "topKPerLevel and detectionsPerImage must be positive";
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            return "nmsThreshold must be in (0, 1], got " + nmsThreshold;
        }
        return null;
    }
}
