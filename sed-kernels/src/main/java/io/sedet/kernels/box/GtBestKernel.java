package io.sedet.kernels.box;

import com.aparapi.Kernel;

/** Matching, pass 2 — one work item per ground truth j: {@code gtBest[j] = max_i iou[i, j]} (0 when N = 0). */
final class GtBestKernel extends Kernel {
    float[] iou = new float[1]; // [N*G]
    float[] gtBest = new float[1]; // [G]
    int n;
    int g;

    @Override
    public void run() {
        int j = getGlobalId();
        if (j >= g) {
            return;
        }
        float b = 0f;
        for (int i = 0; i < n; i++) {
            float v = iou[i * g + j];
            if (v > b) {
                b = v;
            }
        }
        gtBest[j] = b;
    }
}
