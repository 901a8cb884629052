package io.sedet.kernels.box;

import com.aparapi.Kernel;

/**
 * One work item per anchor: the deltas of its matched ground truth ({@code matches[i] ≥ 0}) as
 * {@link BoxCoder#encode} computes them (in float), zeros for unmatched anchors.
 * {@code out [N*4]} at {@code outOffset}.
 */
final class EncodeKernel extends Kernel {
    float[] anchors = new float[4]; // [N*4]
    float[] gt = new float[4];      // [G*4]
    int[] matches = new int[1];     // [N]
    float[] out = new float[4];     // [.. + N*4]
    int outOffset;
    int n;
    float wx;
    float wy;
    float ww;
    float wh;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i >= n) {
            return;
        }
        int o = outOffset + 4 * i;
        int m = matches[i];
        if (m < 0) {
            out[o] = 0f;
            out[o + 1] = 0f;
            out[o + 2] = 0f;
            out[o + 3] = 0f;
        } else {
            float aw = anchors[4 * i + 2] - anchors[4 * i];
            float ah = anchors[4 * i + 3] - anchors[4 * i + 1];
            float ax = anchors[4 * i] + 0.5f * aw;
            float ay = anchors[4 * i + 1] + 0.5f * ah;
            float gw = gt[4 * m + 2] - gt[4 * m];
            float gh = gt[4 * m + 3] - gt[4 * m + 1];
            float gx = gt[4 * m] + 0.5f * gw;
            float gy = gt[4 * m + 1] + 0.5f * gh;
            out[o] = wx * (gx - ax) / aw;
            out[o + 1] = wy * (gy - ay) / ah;
            out[o + 2] = ww * log(max(gw, 1e-3f) / aw);
            out[o + 3] = wh * log(max(gh, 1e-3f) / ah);
        }
    }
}
