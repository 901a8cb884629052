package io.sedet.kernels.image;

import com.aparapi.Kernel;

/**
 * One pass of {@link ImageOps#blur} along one axis, one work item per sample: the weighted sum of
 * {@code 2·radius + 1} neighbours with clamp-to-edge borders. {@code vertical = 0} runs along x,
 * {@code 1} along y, of {@code [C, h, w]}.
 */
final class BlurKernel extends Kernel {
    float[] src = new float[1];
    float[] dst = new float[1];
    float[] weights = new float[1]; // [2·radius + 1], summing to 1
    int radius;
    int h;
    int w;
    int vertical;
    int size;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id >= size) {
            return;
        }
        int x = id % w;
        int y = (id / w) % h;
        int planeBase = (id / (w * h)) * w * h;
        float sum = 0f;
        for (int k = -radius; k <= radius; k++) {
            int xx = vertical == 0 ? min(max(x + k, 0), w - 1) : x;
            int yy = vertical == 0 ? y : min(max(y + k, 0), h - 1);
            sum += weights[k + radius] * src[planeBase + yy * w + xx];
        }
        dst[id] = sum;
    }
}
