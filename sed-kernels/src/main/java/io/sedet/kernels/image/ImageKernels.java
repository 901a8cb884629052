package io.sedet.kernels.image;

import io.sedet.kernels.exec.KernelMode;
import io.sedet.kernels.exec.KernelRuntime;

/**
 * Image preparation (resize with antialiasing, flip, photometric jitter, normalisation, and the
 * strong augmentation's blur and cutout) as Aparapi
 * kernels, or through {@link ImageOps} for a {@link KernelMode#REFERENCE} runtime. Calls are
 * synchronised; kernel instances are reused.
 */
public final class ImageKernels implements AutoCloseable {
    private final KernelRuntime runtime;
    private final ResizeKernel resize = new ResizeKernel();
    private final NormalizeKernel normalize = new NormalizeKernel();
    private final BlurKernel blur = new BlurKernel();
    private final EraseKernel erase = new EraseKernel();

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

    /** {@link ImageOps#blur}: {@code [C, h, w]} blurred with {@code weights} ({@link ImageOps#gaussian}). */
    public synchronized float[] blur(float[] src, int channels, int h, int w, float[] weights) {
        if (weights.length % 2 != 1) {
            throw new IllegalArgumentException("blur weights must have odd length, got " + weights.length);
        }
        if (runtime.mode() == KernelMode.REFERENCE) {
            return ImageOps.blur(src, channels, h, w, weights);
        }
        float[] tmp = new float[channels * h * w];
        float[] out = new float[channels * h * w];
        BlurKernel k = blur;
        k.weights = weights;
        k.radius = weights.length / 2;
        k.h = h;
        k.w = w;
        k.size = out.length;
        k.src = src;
        k.dst = tmp;
        k.vertical = 0;
        runtime.run(k, out.length);
        k.src = tmp;
        k.dst = out;
        k.vertical = 1;
        runtime.run(k, out.length);
        return out;
    }

    /** {@link ImageOps#erase}: rectangles {@code [R*4]} of {@code canvas[offset ..] [3, h, w]} set to {@code value}. */
    public synchronized void erase(float[] canvas, int offset, int h, int w, int[] rects, float value) {
        if (rects.length % 4 != 0) {
            throw new IllegalArgumentException("rectangles must come as x1, y1, x2, y2; got " + rects.length + " ints");
        }
        if (rects.length == 0) {
            return;
        }
        if (runtime.mode() == KernelMode.REFERENCE) {
            ImageOps.erase(canvas, offset, h, w, rects, value);
            return;
        }
        EraseKernel k = erase;
        k.canvas = canvas;
        k.rects = rects;
        k.numRects = rects.length / 4;
        k.offset = offset;
        k.h = h;
        k.w = w;
        k.value = value;
        runtime.run(k, h * w);
    }

    @Override
    public void close() {
        resize.dispose();
        normalize.dispose();
        blur.dispose();
        erase.dispose();
    }
}
