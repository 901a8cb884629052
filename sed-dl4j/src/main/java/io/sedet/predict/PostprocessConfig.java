package io.sedet.predict;

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
}
