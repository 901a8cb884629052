package io.sedet.model;

/**
 * A ResNet backbone: depth 18 or 34 (basic blocks) or 50 (bottlenecks), channel widths
 * {@code 64, 128, 256, 512} (×4 at the output of bottlenecks) multiplied by {@code width}.
 */
public record BackboneSpec(int depth, double width) {

    public BackboneSpec {
        if (depth != 18 && depth != 34 && depth != 50) {
            throw new IllegalArgumentException("ResNet depth must be 18, 34 or 50, got " + depth);
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 4], got " + width);
        }
    }

    /** Residual blocks per stage (conv2_x .. conv5_x). */
    public int[] blocks() {
        return depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
    }

    public boolean bottleneck() {
        return depth == 50;
    }

    /** Inner width of stage s (0..3). */
    public int stageWidth(int s) {
        return Math.max(8, (int) Math.round((64 << s) * width));
    }

    /** Output channels of stage s (0..3): C2..C5. */
    public int stageOutput(int s) {
        return bottleneck() ? 4 * stageWidth(s) : stageWidth(s);
    }

    public int stemWidth() {
        return Math.max(8, (int) Math.round(64 * width));
    }
}
