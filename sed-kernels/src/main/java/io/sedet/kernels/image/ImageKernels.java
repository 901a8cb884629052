package io.sedet.kernels.image;

import io.sedet.kernels.exec.KernelMode;
import io.sedet.kernels.exec.KernelRuntime;

/**
 * Image preparation (resize with antialiasing, flip, photometric jitter, normalisation) as Aparapi
 * kernels, or through {@link ImageOps} for a {@link KernelMode#REFERENCE} runtime. Calls are
 * synchronised; kernel instances are reused.
 */
public final class ImageKernels implements AutoCloseable {
    private final KernelRuntime runtime;
    private final ResizeKernel resize = new ResizeKernel();
    private final NormalizeKernel normalize = new NormalizeKernel();

    public ImageKernels(KernelRuntime runtime) {
        this.runtime = runtime;
    }

    public KernelRuntime runtime() {
        return runtime;
    }

    /** {@link ImageOps#resize}: {@code [C, h, w] → [C, outH, outW]}. */
    public synchronized float[] resize(float[] src, int channels, int h, int w, int outH, int outW) {
        if (outH <= 0 || outW <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("resize " + w + "x" + h + " -> " + outW + "x" + outH);
        }
        if (runtime.mode() == KernelMode.REFERENCE) {
            return ImageOps.resize(src, channels, h, w, outH, outW);
        }
        float[] tmp = new float[channels * h * outW];
        resize.src = src;
        resize.dst = tmp;
        resize.cols = 1;
        resize.inLen = w;
        resize.outLen = outW;
        resize.vertical = 0;
        resize.size = tmp.length;
        runtime.run(resize, tmp.length);
        float[] out = new float[channels * outH * outW];
        resize.src = tmp;
        resize.dst = out;
        resize.cols = outW;
        resize.inLen = h;
        resize.outLen = outH;
        resize.vertical = 1;
        resize.size = out.length;
        runtime.run(resize, out.length);
        return out;
    }

    /** {@link ImageOps#normalize}. */
    public synchronized void normalize(float[] src, int h, int w, int canvasH, int canvasW, boolean flip,
                                       float brightness, float contrast, float saturation, float[] out, int offset) {
        if (h > canvasH || w > canvasW) {
            throw new IllegalArgumentException("image " + w + "x" + h + " larger than the canvas " + canvasW + "x" + canvasH);
        }
        if (runtime.mode() == KernelMode.REFERENCE) {
            ImageOps.normalize(src, h, w, canvasH, canvasW, flip, brightness, contrast, saturation, out, offset);
            return;
        }
        NormalizeKernel k = normalize;
        k.src = src.length == 0 ? new float[1] : src;
        k.out = out;
        k.offset = offset;
        k.h = h;
        k.w = w;
        k.canvasH = canvasH;
        k.canvasW = canvasW;
        k.flip = flip ? 1 : 0;
        k.brightness = brightness;
        k.contrast = contrast;
        k.saturation = saturation;
        k.mean0 = ImageOps.MEAN[0];
        k.mean1 = ImageOps.MEAN[1];
        k.mean2 = ImageOps.MEAN[2];
        k.std0 = ImageOps.STD[0];
        k.std1 = ImageOps.STD[1];
        k.std2 = ImageOps.STD[2];
        runtime.run(k, canvasH * canvasW);
    }

    @Override
    public void close() {
        resize.dispose();
        normalize.dispose();
    }
}
