package io.sedet.semisup;

import io.sedet.config.StrongAugment;
import io.sedet.data.AugmentConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.EpochOrder;
import io.sedet.data.ImageTensors;
import io.sedet.data.SupervisedBatches;
import io.sedet.io.InputException;
import io.sedet.kernels.image.ImageKernels;
import io.sedet.kernels.image.ImageOps;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Makes the three views of the unlabeled images of iteration t, deterministically: the images come
 * in epoch order from a stream of their own (seed mixed with {@value #ORDER_STREAM}, never the
 * labeled slots' stream); slot b draws its geometry (resize factor within the scale range, flip)
 * from one random stream and its photometric noise from another, so switching the strong
 * augmentation off leaves the geometry, and the teacher's view, unchanged.
 * <ul>
 *   <li>u_w: resize + flip, normalised (no jitter: the teacher sees the image as it is);</li>
 *   <li>u_s: the same resized pixels, optionally blurred, then flipped the same way and
 *       colour-jittered (greyscale = saturation 0), normalised, then cutout rectangles set to 0
 *       (the mean colour);</li>
 *   <li>u_s↓: u_s resized by 0.5 with the antialiased filter.</li>
 * </ul>
 * Pixel work runs on {@link ImageKernels} (blur, normalise, erase, resize).
 */
public final class UnlabeledViews {
    static final long ORDER_STREAM = 0x5ED0_0001L;
    private static final long GEOMETRY_STREAM = 0x5ED0_0002L;
    private static final long PHOTOMETRIC_STREAM = 0x5ED0_0003L;

    private final DetectionSource source;
    private final ImageKernels kernels;
    private final int size;
    private final int height;
    private final int width;
    private final AugmentConfig weak;
    private final StrongAugment strong;
    private final long seed;
    private final EpochOrder order;

    /**
     * @param source unlabeled images (their annotations, if any, are never read)
     * @param size   U, images per step
     * @param weak   the geometric part (scale range, flip probability); its jitter is not used
     */
    public UnlabeledViews(DetectionSource source, ImageKernels kernels, int size, int height, int width,
                          AugmentConfig weak, StrongAugment strong, long seed) {
        if (source.size() == 0) {
            throw new InputException("data", "the unlabeled set has no images");
        }
        if (height % 2 != 0 || width % 2 != 0) {
            throw new IllegalArgumentException("the canvas " + width + "x" + height + " has no exact half");
        }
        this.source = source;
        this.kernels = kernels;
        this.size = size;
        this.height = height;
        this.width = width;
        this.weak = weak;
        this.strong = strong;
        this.seed = seed;
        this.order = new EpochOrder(source.size(), size, seed ^ ORDER_STREAM);
    }

    public int size() {
        return size;
    }

    /** Index in the unlabeled source of slot b of iteration t. */
    public int indexAt(long iteration, int b) {
        return order.indexAt(iteration, b);
    }

    public UnlabeledBatch make(long iteration) {
        int plane = 3 * height * width;
        int hh = height / 2;
        int hw = width / 2;
        float[] w = new float[size * plane];
        float[] s = new float[size * plane];
        float[] half = new float[size * 3 * hh * hw];
        int[] iw = new int[size];
        int[] ih = new int[size];
        for (int b = 0; b < size; b++) {
            BufferedImage img = source.get(indexAt(iteration, b)).image();
            SplittableRandom geo = new SplittableRandom(mix(GEOMETRY_STREAM, iteration, b));
            SplittableRandom photo = new SplittableRandom(mix(PHOTOMETRIC_STREAM, iteration, b));
            double scale = SupervisedBatches.randomScale(geo, weak, img, height, width);
            boolean flip = geo.nextDouble() < weak.flipProbability();
            ImageTensors.Resized r = ImageTensors.resize(kernels, img, scale, height, width);
            iw[b] = r.width();
            ih[b] = r.height();
            kernels.normalize(r.pixels(), r.height(), r.width(), height, width, flip, 0f, 1f, 1f, w, b * plane);
            strongView(r, flip, photo, s, b * plane);
            float[] one = new float[plane];
            System.arraycopy(s, b * plane, one, 0, plane);
            System.arraycopy(kernels.resize(one, 3, height, width, hh, hw), 0, half, b * 3 * hh * hw, 3 * hh * hw);
        }
        return new UnlabeledBatch(iteration, size, height, width, w, s, half, iw, ih);
    }

    private void strongView(ImageTensors.Resized r, boolean flip, SplittableRandom photo, float[] out, int offset) {
        StrongAugment a = strong;
        float[] pixels = r.pixels();
        // draw every random number whatever the probabilities, so one setting does not shift another's draws
        double blurDraw = photo.nextDouble();
        double sigma = a.blurSigmaMin() + photo.nextDouble() * (a.blurSigmaMax() - a.blurSigmaMin());
        ImageTensors.Jitter j = ImageTensors.Jitter.random(photo, a.jitter());
        boolean grey = photo.nextDouble() < a.greyProbability();
        boolean cutout = photo.nextDouble() < a.cutoutProbability();
        int count = 1 + photo.nextInt(Math.max(1, a.cutoutMax()));
        int[] rects = new int[4 * count];
        for (int k = 0; k < count; k++) {
            double area = (a.cutoutAreaMin() + photo.nextDouble() * (a.cutoutAreaMax() - a.cutoutAreaMin()))
                    * r.width() * r.height();
            double aspect = Math.exp((photo.nextDouble() * 2 - 1) * Math.log(3)); // 1/3 .. 3
            int cw = (int) Math.round(Math.sqrt(area * aspect));
            int ch = (int) Math.round(Math.sqrt(area / aspect));
            int x = (int) (photo.nextDouble() * Math.max(1, r.width() - cw));
            int y = (int) (photo.nextDouble() * Math.max(1, r.height() - ch));
            rects[4 * k] = x;
            rects[4 * k + 1] = y;
            rects[4 * k + 2] = Math.min(r.width(), x + cw);
            rects[4 * k + 3] = Math.min(r.height(), y + ch);
        }
        if (blurDraw < a.blurProbability()) {
            pixels = kernels.blur(pixels, 3, r.height(), r.width(), ImageOps.gaussian(sigma));
        }
        kernels.normalize(pixels, r.height(), r.width(), height, width, flip, j.brightness(), j.contrast(),
                grey ? 0f : j.saturation(), out, offset);
        if (cutout) {
            kernels.erase(out, offset, height, width, rects, 0f);
        }
    }

    private long mix(long stream, long iteration, int b) {
        return ((seed * 1_000_003L + stream) * 1_000_033L + iteration) * 131 + b;
    }
}
