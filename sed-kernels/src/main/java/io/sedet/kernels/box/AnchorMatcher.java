package io.sedet.kernels.box;


/**
 * RetinaNet's matching of anchors to ground truth (torchvision's {@code Matcher} with
 * {@code allow_low_quality_matches=True}): an anchor whose best IoU is at least
 * {@code highThreshold} is matched to that ground truth; below {@code lowThreshold} it is
 * {@link #BACKGROUND}; in between {@link #IGNORE}. Then each ground truth's best anchors (all
 * anchors tying its highest IoU, if that IoU is positive) are matched to it whatever their IoU.
 *
 * <p>The plain-Java reference of the matching kernels ({@link BoxKernels#match}); IoU in float
 * as {@link BoxIou} computes it.
 */
public final class AnchorMatcher {
    /** Match value of a background (negative) anchor. */
    public static final int BACKGROUND = -1;
    /** Match value of an anchor that takes part in no loss. */
    public static final int IGNORE = -2;

    private final float highThreshold;
    private final float lowThreshold;

    public AnchorMatcher(double highThreshold, double lowThreshold) {
        if (lowThreshold > highThreshold) {
            throw new IllegalArgumentException("low threshold " + lowThreshold + " > high " + highThreshold);
        }
        this.highThreshold = (float) highThreshold;
        this.lowThreshold = (float) lowThreshold;
    }

    public float highThreshold() {
        return highThreshold;
    }

    public float lowThreshold() {
        return lowThreshold;
    }

    public static AnchorMatcher retinaNet() {
        return new AnchorMatcher(0.5, 0.4);
    }

    /**
     * @param anchors {@code [N*4]} xyxy
     * @param gt      {@code [G*4]} xyxy
     * @return {@code [N]}: index of the matched ground truth, {@link #BACKGROUND} or {@link #IGNORE}
     */
    public int[] match(float[] anchors, float[] gt) {
        int n = anchors.length / 4;
        int g = gt.length / 4;
        int[] matches = new int[n];
        if (g == 0) {
            java.util.Arrays.fill(matches, BACKGROUND);
            return matches;
        }
        float[] iou = new float[n * g]; // [N, G]
        float[] bestForGt = new float[g];
        for (int i = 0; i < n; i++) {
            int o = 4 * i;
            float best = -1;
            int arg = -1;
            for (int j = 0; j < g; j++) {
                float v = BoxIou.iou(anchors[o], anchors[o + 1], anchors[o + 2], anchors[o + 3],
                        gt[4 * j], gt[4 * j + 1], gt[4 * j + 2], gt[4 * j + 3]);
                iou[i * g + j] = v;
                if (v > best) {
                    best = v;
                    arg = j;
                }
                if (v > bestForGt[j]) {
                    bestForGt[j] = v;
                }
            }
            matches[i] = best >= highThreshold ? arg : (best < lowThreshold ? BACKGROUND : IGNORE);
        }
        // low-quality matches: an anchor that ties some ground truth's highest IoU is matched to
        // its own best ground truth (torchvision's allow_low_quality_matches)
        for (int i = 0; i < n; i++) {
            int best = -1;
            boolean ties = false;
            for (int j = 0; j < g; j++) {
                float v = iou[i * g + j];
                if (bestForGt[j] > 0 && v == bestForGt[j]) {
                    ties = true;
                }
                if (best < 0 || v > iou[i * g + best]) {
                    best = j;
                }
            }
            if (ties) {
                matches[i] = best;
            }
        }
        return matches;
    }
}
