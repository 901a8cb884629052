package io.sedet.data;

import io.sedet.kernels.box.AnchorMatcher;
import io.sedet.kernels.box.BoxKernels;

/**
 * Training targets of one image for the supervised loss: matches every anchor to the ground
 * truth and writes, at anchor n, the one-hot class ({@code [N*C]}), the class-loss weight
 * ({@code [N]}, 0 for ignored anchors), the encoded box ({@code [N*4]}) and the box-loss weight
 * ({@code [N]}, 1 for positives). Matching and box encoding run on {@link BoxKernels}.
 */
public final class TargetEncoder {
    private final float[] anchors;
    private final int numClasses;
    private final BoxKernels kernels;

    public TargetEncoder(float[] anchors, int numClasses, BoxKernels kernels) {
        this.anchors = anchors;
        this.numClasses = numClasses;
        this.kernels = kernels;
    }

    public int numAnchors() {
        return anchors.length / 4;
    }

    /**
     * Fills the four target arrays at image slot {@code b} of a batch and returns the number of
     * positive anchors.
     */
    public int encode(float[] boxes, int[] labels, int b, float[] clsTarget, float[] clsWeight,
                      float[] boxTarget, float[] boxWeight) {
        int n = numAnchors();
        int[] m = kernels.match(anchors, boxes);
        int pos = 0;
        int c0 = b * n * numClasses;
        int w0 = b * n;
        java.util.Arrays.fill(clsTarget, c0, c0 + n * numClasses, 0f);
        kernels.encode(anchors, boxes, m, boxTarget, 4 * w0); // zeros for unmatched anchors
        for (int i = 0; i < n; i++) {
            int g = m[i];
            if (g >= 0) {
                clsTarget[c0 + i * numClasses + labels[g]] = 1f;
                clsWeight[w0 + i] = 1f;
                boxWeight[w0 + i] = 1f;
                pos++;
            } else {
                clsWeight[w0 + i] = g == AnchorMatcher.IGNORE ? 0f : 1f;
                boxWeight[w0 + i] = 0f;
            }
        }
        return pos;
    }
}
