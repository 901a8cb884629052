package io.sedet.kernels.box;

import com.aparapi.Kernel;

/** One work item per score: {@code keep[i] = 1} when {@code scores[offset + i] > threshold} (NaN: 0). */
final class ScoreThresholdKernel extends Kernel {
    float[] scores = new float[1];
    int[] keep = new int[1];
    int offset;
    int n;
    float threshold;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i >= n) {
            return;
        }
        float s = scores[offset + i];
        keep[i] = s > threshold ? 1 : 0; // false for NaN
    }
}
