package io.sedet.kernels.box;

import com.aparapi.Kernel;

/**
 * Matching, pass 1 — one work item per anchor: its IoU with every ground truth into
 * {@code iou [N, G]}, the best IoU into {@code best [N]} and the first ground truth reaching it into
 * {@code arg [N]} (−1 when G = 0). IoU as {@link BoxIou#iou} computes it.
 */
final class IouRowKernel extends Kernel {
    float[] anchors = new float[4]; // [N*4] xyxy
    float[] gt = new float[4];      // [G*4] xyxy
    float[] iou = new float[1];     // [N*G]
    float[] best = new float[1];    // [N]
    int[] arg = new int[1];         // [N]
    int n;
    int g;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i >= n) {
            return;
        }
        float ax1 = anchors[4 * i];
        float ay1 = anchors[4 * i + 1];
        float ax2 = anchors[4 * i + 2];
        float ay2 = anchors[4 * i + 3];
        float b = -1f;
        int a = -1;
        for (int j = 0; j < g; j++) {
            float v = iouOf(ax1, ay1, ax2, ay2, gt[4 * j], gt[4 * j + 1], gt[4 * j + 2], gt[4 * j + 3]);
            iou[i * g + j] = v;
            if (v > b) {
                b = v;
                a = j;
            }
        }
        best[i] = b;
        arg[i] = a;
    }

    /** Same operations as {@link BoxIou#iou}. */
    private float iouOf(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        float aw = ax2 - ax1;
        float ah = ay2 - ay1;
        float bw = bx2 - bx1;
        float bh = by2 - by1;
        float result = 0f;
        // empty, inverted and NaN boxes first: OpenCL's min/max ignore NaN where Java's return it
        if (aw > 0f && ah > 0f && bw > 0f && bh > 0f) {
            float w = min(ax2, bx2) - max(ax1, bx1);
            float h = min(ay2, by2) - max(ay1, by1);
            if (w > 0f && h > 0f) {
                float inter = w * h;
                result = inter / (aw * ah + bw * bh - inter);
            }
        }
        return result;
    }
}
