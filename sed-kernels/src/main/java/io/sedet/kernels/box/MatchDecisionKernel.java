package io.sedet.kernels.box;

import com.aparapi.Kernel;

/**
 * Matching, pass 3 — one work item per anchor: thresholds on its best IoU, then the low-quality
 * rule (an anchor that ties some ground truth's positive best IoU is matched to its own best
 * ground truth). Writes {@code matches [N]}: ground truth index, {@link AnchorMatcher#BACKGROUND}
 * or {@link AnchorMatcher#IGNORE}.
 */
final class MatchDecisionKernel extends Kernel {
    float[] iou = new float[1];    // [N*G]
    float[] best = new float[1];   // [N]
    int[] arg = new int[1];        // [N]
    float[] gtBest = new float[1]; // [G]
    int[] matches = new int[1];    // [N]
    int n;
    int g;
    float high;
    float low;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i >= n) {
            return;
        }
        float b = best[i];
        int m = -2; // IGNORE
        if (b >= high) {
            m = arg[i];
        } else if (b < low) {
            m = -1; // BACKGROUND
        }
        for (int j = 0; j < g; j++) {
            if (gtBest[j] > 0f && iou[i * g + j] == gtBest[j]) {
                m = arg[i];
            }
        }
        matches[i] = m;
    }
}
