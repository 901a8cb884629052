package io.sedet.model;

/**
 * A ResNet backbone: depth 18 or 34 (basic blocks) or 50 (bottlenecks), channel widths
 * {@code 64, 128, 256, 512} (×4 at the output of bottlenecks) multiplied by {@code width}, in
 * one of two {@link Style}s — the layouts that pretrained ResNet weights come in.
 */
public record BackboneSpec(int depth, double width, Style style) {

    /** ε of every backbone BatchNorm: {@code (x − mean)/√(var + ε)} (torchvision's; imports adjust var to it). */
    public static final double BN_EPS = 1e-5;

    /**
     * Where a ResNet variant puts its strides and biases, and what input its weights expect.
     * Weights of one style do not compute the same function in the other: a style is part of the
     * architecture, kept with the weights (a backbone file's config names it).
     */
    public enum Style {
        /**
         * torchvision's ResNet ("v1.5", detectron2's default): a bottleneck strides in its 3×3
         * convolution; backbone convolutions have no bias; the stem's 3×3 max pool pads by 1; the
         * input is RGB in [0, 1] normalised with ImageNet's mean and std (what every image of this
         * project is).
         */
        TORCHVISION,
        /**
         * The original ResNet of the paper and its Caffe models, as Keras and the DL4J zoo's
         * {@code ResNet50} build it: a bottleneck strides in its first 1×1 convolution (and so does
         * its projection shortcut); every backbone convolution has a bias; the stem's 3×3 max pool
         * has no padding (C2 is one row and column smaller; C3..C5 keep their strides 8..32); the
         * weights expect Caffe's input — BGR on a 0..255 scale minus the ImageNet mean
         * {@link #CAFFE_MEAN_BGR}, unscaled — which the graph computes from this project's
         * normalised RGB input as its first operation.
         */
        CAFFE;

        /** Keras' {@code preprocess_input(mode="caffe")} means of B, G, R on the 0..255 scale. */
        public static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};

        /** The name in configs ("torchvision", "caffe"). */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The style named {@code key} (either case); null means {@link #TORCHVISION}. */
        public static Style parse(String key) {
            if (key == null) {
                return TORCHVISION;
            }
            for (Style s : values()) {
                if (s.key().equalsIgnoreCase(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("backbone style must be torchvision or caffe, got '" + key + "'");
        }
    }

    public BackboneSpec {
        if (depth != 18 && depth != 34 && depth != 50) {
            throw new IllegalArgumentException("ResNet depth must be 18, 34 or 50, got " + depth);
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 4], got " + width);
        }
        if (style == null) {
            throw new IllegalArgumentException("backbone style must be torchvision or caffe");
        }
    }

    /** A {@link Style#TORCHVISION} backbone. */
    public BackboneSpec(int depth, double width) {
        this(depth, width, Style.TORCHVISION);
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
