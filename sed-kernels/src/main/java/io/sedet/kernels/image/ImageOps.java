package io.sedet.kernels.image;

/**
 * Plain-Java references of the image kernels ({@link ImageKernels}).
 *
 * <p>Resize is bilinear with antialiasing when shrinking — PIL's / torchvision's
 * {@code antialias=True} triangle filter: the filter's support grows to {@code in/out} input
 * pixels, so a 0.5× image (SED's small view) averages 4 input pixels per output pixel along each
 * axis instead of sampling 2. Separable: a horizontal pass, then a vertical one. Images are planar
 * {@code float [C, H, W]}.
 */
public final class ImageOps {
    /** ImageNet channel means and standard deviations (RGB, on [0, 1]). */
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageOps() {
    }

    /** {@code [C, h, w]} → {@code [C, outH, outW]}. */
    public static float[] resize(float[] src, int channels, int h, int w, int outH, int outW) {
        float[] tmp = new float[channels * h * outW];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < outW; x++) {
                    tmp[(c * h + y) * outW + x] = tap(src, (c * h + y) * w, 1, w, outW, x);
                }
            }
        }
        float[] out = new float[channels * outH * outW];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    out[(c * outH + y) * outW + x] = tap(tmp, c * h * outW + x, outW, h, outH, y);
                }
            }
        }
        return out;
    }

    /**
     * One output sample along an axis: the triangle-filtered input samples
     * {@code src[base + i*stride]}, i in [0, in), for output position {@code o} of {@code out}.
     */
    static float tap(float[] src, int base, int stride, int in, int out, int o) {
        float scale = (float) in / out;
        float filterScale = Math.max(scale, 1f);
        float center = (o + 0.5f) * scale;
        int lo = Math.max((int) (center - filterScale + 0.5f), 0);
        int hi = Math.min((int) (center + filterScale + 0.5f), in);
        float sum = 0f;
        float weights = 0f;
        for (int i = lo; i < hi; i++) {
            float t = Math.abs((i - center + 0.5f) / filterScale);
            float wgt = t < 1f ? 1f - t : 0f;
            sum += wgt * src[base + i * stride];
            weights += wgt;
        }
        return weights > 0f ? sum / weights : 0f;
    }

    /**
     * Writes the planar RGB image {@code src [3, h, w]} (values on [0, 255]) into the canvas
     * {@code out[offset ..] [3, canvasH, canvasW]}: optionally mirrored within its own width,
     * photometric jitter on [0, 1] ({@code v' = (grey + (v − grey)·saturation − 0.5)·contrast +
     * 0.5 + brightness}, grey the luma), normalised with {@link #MEAN}/{@link #STD}; the canvas
     * outside the image is 0.
     */
    public static void normalize(float[] src, int h, int w, int canvasH, int canvasW, boolean flip,
                                 float brightness, float contrast, float saturation, float[] out, int offset) {
        int plane = canvasH * canvasW;
        int srcPlane = h * w;
        for (int y = 0; y < canvasH; y++) {
            for (int x = 0; x < canvasW; x++) {
                int o = offset + y * canvasW + x;
                if (y >= h || x >= w) {
                    out[o] = 0f;
                    out[o + plane] = 0f;
                    out[o + 2 * plane] = 0f;
                    continue;
                }
                int s = y * w + (flip ? w - 1 - x : x);
                float r = src[s] / 255f;
                float g = src[s + srcPlane] / 255f;
                float b = src[s + 2 * srcPlane] / 255f;
                float grey = 0.299f * r + 0.587f * g + 0.114f * b;
                r = (grey + (r - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
                g = (grey + (g - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
                b = (grey + (b - grey) * saturation - 0.5f) * contrast + 0.5f + brightness;
                out[o] = (r - MEAN[0]) / STD[0];
                out[o + plane] = (g - MEAN[1]) / STD[1];
                out[o + 2 * plane] = (b - MEAN[2]) / STD[2];
            }
        }
    }

    /**
     * Gaussian weights of standard deviation {@code sigma} (pixels) over {@code [-r, r]},
     * {@code r = ceil(2σ)}, normalised to sum 1 (what {@link #blur} convolves with).
     */
    public static float[] gaussian(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("blur sigma must be positive, got " + sigma);
        }
        int r = (int) Math.ceil(2 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += Math.exp(-0.5 * i * i / (sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) (Math.exp(-0.5 * i * i / (sigma * sigma)) / sum);
        }
        return k;
    }

    /**
     * Separable blur of {@code src [C, h, w]} with {@code weights} ({@link #gaussian}): a pass
     * along x, then along y, borders clamped to the edge. Returns a new array.
     */
    public static float[] blur(float[] src, int channels, int h, int w, float[] weights) {
        int r = weights.length / 2;
        float[] tmp = new float[channels * h * w];
        float[] out = new float[channels * h * w];
        for (int pass = 0; pass < 2; pass++) {
            float[] in = pass == 0 ? src : tmp;
            float[] dst = pass == 0 ? tmp : out;
            for (int c = 0; c < channels; c++) {
                int base = c * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float sum = 0f;
                        for (int k = -r; k <= r; k++) {
                            int xx = pass == 0 ? Math.min(Math.max(x + k, 0), w - 1) : x;
                            int yy = pass == 0 ? y : Math.min(Math.max(y + k, 0), h - 1);
                            sum += weights[k + r] * in[base + yy * w + xx];
                        }
                        dst[base + y * w + x] = sum;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Cutout / random erasing: sets every pixel of {@code canvas[offset ..] [3, h, w]} inside one of
     * the rectangles {@code rects [R*4]} (x1, y1, x2, y2 in pixels, half-open) to {@code value}
     * in all channels (0 on a normalised canvas is the dataset mean colour).
     */
    public static void erase(float[] canvas, int offset, int h, int w, int[] rects, float value) {
        int plane = h * w;
        for (int r = 0; r + 3 < rects.length; r += 4) {
            for (int y = Math.max(0, rects[r + 1]); y < Math.min(h, rects[r + 3]); y++) {
                for (int x = Math.max(0, rects[r]); x < Math.min(w, rects[r + 2]); x++) {
                    int o = offset + y * w + x;
                    canvas[o] = value;
                    canvas[o + plane] = value;
                    canvas[o + 2 * plane] = value;
                }
            }
        }
    }
}
