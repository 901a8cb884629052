package io.sedet.kernels.image;

import com.aparapi.Kernel;

/**
 * One resize pass of {@link ImageOps#resize} along one axis, one work item per output sample.
 * {@code vertical = 0}: {@code [C, h, w] → [C, h, outLen]}; {@code vertical = 1}:
 * {@code [C, inLen, w] → [C, outLen, w]}.
 */
final class ResizeKernel extends Kernel {
    float[] src = new float[1];
    float[] dst = new float[1];
    int cols;     // vertical: w; horizontal: 1
    int inLen;
    int outLen;
    int vertical;
    int size;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id >= size) {
            return;
        }
        // one expression per variable: Aparapi cannot translate variables assigned in if/else branches
        int o = vertical == 0 ? id % outLen : (id / cols) % outLen;
        int base = vertical == 0 ? (id / outLen) * inLen : (id / (cols * outLen)) * inLen * cols + id % cols;
        int stride = vertical == 0 ? 1 : cols;
        float scale = (float) inLen / outLen;
        float filterScale = max(scale, 1f);
        float center = (o + 0.5f) * scale;
        int lo = max((int) (center - filterScale + 0.5f), 0);
        int hi = min((int) (center + filterScale + 0.5f), inLen);
        float sum = 0f;
        float weights = 0f;
        for (int i = lo; i < hi; i++) {
            float t = abs((i - center + 0.5f) / filterScale);
            float wgt = t < 1f ? 1f - t : 0f;
            sum += wgt * src[base + i * stride];
            weights += wgt;
        }
        dst[id] = weights > 0f ? sum / weights : 0f;
    }
}
