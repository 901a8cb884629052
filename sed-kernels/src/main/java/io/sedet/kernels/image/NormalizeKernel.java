package io.sedet.kernels.image;

import com.aparapi.Kernel;

/** {@link ImageOps#normalize}, one work item per canvas pixel (all three channels). */
final class NormalizeKernel extends Kernel {
    float[] src = new float[1];  // [3, h, w] on [0, 255]
    float[] out = new float[1];  // [.., 3, canvasH, canvasW]
    int offset;
    int h;
    int w;
    int canvasH;
    int canvasW;
    int flip;
    float brightness;
    float contrast;
    float saturation;
    float mean0;
    float mean1;
    float mean2;
    float std0;
    float std1;
    float std2;

    @Override
    public void run() {
        int id = getGlobalId();
        int plane = canvasH * canvasW;
        if (id >= plane) {
            return;
        }
        int y = id / canvasW;
        int x = id - y * canvasW;
        int o = offset + id;
        if (y >= h || x >= w) {
            out[o] = 0f;
            out[o + plane] = 0f;
            out[o + 2 * plane] = 0f;
        } else {
            int srcPlane = h * w;
            int s = y * w + x;
            if (flip != 0) {
                s = y * w + (w - 1 - x);
            }
            float r = src[s] / 255f;
            float g = src[s + srcPlane] / 255f;
            float b = src[s + 2 * srcPlane] / 255f;
            float grey = 0.299f * r + 0.587f * g + 0.114f * b;
            r = (grey + (r - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
            g = (grey + (g - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
            b = (grey + (b - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
            out[o] = (r - mean0) / std0;
            out[o + plane] = (g - mean1) / std1;
            out[o + 2 * plane] = (b - mean2) / std2;
        }
    }
}
