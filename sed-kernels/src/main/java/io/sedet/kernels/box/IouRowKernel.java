package io.sedet.kernels.box;

/**
 * Matching, pass 1 — one work item per anchor: its IoU with every ground truth into
 * {@code iou [N, G]}, the best IoU into {@code best [N]} and the first ground truth reaching it into
 * {@code arg [N]} (−1 when G = 0). IoU as {@link BoxIou#iou} computes it.
 */
final class IouRowKernel extends IouKernel {
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
}
