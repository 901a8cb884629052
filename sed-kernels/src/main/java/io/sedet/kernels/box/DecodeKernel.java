package io.sedet.kernels.box;

import com.aparapi.Kernel;

/**
 * One work item per candidate k: the box of deltas {@code deltas[deltaIndex[k]]} on anchor
 * {@code anchors[anchorIndex[k]]} as {@link BoxCoder#decode} computes it (in float), clipped to
 * {@code [0, clipW] × [0, clipH]}. {@code out [K*4]} xyxy.
 */
final class DecodeKernel extends Kernel {
    float[] anchors = new float[4];  // [N*4]
    float[] deltas = new float[4];   // [M*4]
    int[] anchorIndex = new int[1];  // [K]
    int[] deltaIndex = new int[1];   // [K]
    float[] out = new float[4];      // [K*4]
    int k;
    float wx;
    float wy;
    float ww;
    float wh;
    float scaleClamp;
    float clipW;
    float clipH;

    @Override
    public void run() {
        int c = getGlobalId();
        if (c >= k) {
            return;
        }
        int a = 4 * anchorIndex[c];
        int d = 4 * deltaIndex[c];
        float aw = anchors[a + 2] - anchors[a];
        float ah = anchors[a + 3] - anchors[a + 1];
        float ax = anchors[a] + 0.5f * aw;
        float ay = anchors[a + 1] + 0.5f * ah;
        float dw = min(deltas[d + 2] / ww, scaleClamp);
        float dh = min(deltas[d + 3] / wh, scaleClamp);
        float cx = deltas[d] / wx * aw + ax;
        float cy = deltas[d + 1] / wy * ah + ay;
        float w = exp(dw) * aw;
        float h = exp(dh) * ah;
        out[4 * c] = clamp(cx - 0.5f * w, clipW);
        out[4 * c + 1] = clamp(cy - 0.5f * h, clipH);
        out[4 * c + 2] = clamp(cx + 0.5f * w, clipW);
        out[4 * c + 3] = clamp(cy + 0.5f * h, clipH);
    }

    private float clamp(float v, float hi) {
        return max(0f, min(hi, v));
    }
}
