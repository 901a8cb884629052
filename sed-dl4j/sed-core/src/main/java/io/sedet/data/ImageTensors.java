package io.sedet.data;

import io.sedet.kernels.image.ImageKernels;
import io.sedet.kernels.image.ImageOps;

import java.awt.image.BufferedImage;

/**
 * Image → network input: resize keeping the aspect ratio so that the image fits the canvas
 * (short side at most {@code shortSide}, long side at most the canvas), place it at the top-left
 * of an H×W canvas (zero padding after normalisation), normalise with ImageNet's mean and std
 * ({@link ImageOps#MEAN}/{@link ImageOps#STD}), and lay it out as {@code [3, H, W]} floats. The
 * pixel work runs on {@link ImageKernels}.
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** The factor that fits {@code image} into {@code canvas} with its short side at most {@code shortSide}. */
    public static double fitScale(ImageSize image, ImageSize canvas, int shortSide) {
        return Math.min((double) shortSide / image.shortSide(),
                Math.min((double) canvas.width() / image.width(), (double) canvas.height() / image.height()));
    }

    /**
     * Photometric change of one image on [0, 1] RGB: saturation s (mix with grey), contrast c
     * around 0.5, brightness b added: {@code v' = (mix(grey, v, s) − 0.5)·c + 0.5 + b}.
     */
    public record Jitter(float brightness, float contrast, float saturation) {
        public static final Jitter NONE = new Jitter(0f, 1f, 1f);

        /** Uniform in ±{@code strength} around the identity. */
        public static Jitter random(java.util.SplittableRandom r, double strength) {
            return new Jitter((float) ((r.nextDouble() * 2 - 1) * strength),
                    (float) (1 + (r.nextDouble() * 2 - 1) * strength),
                    (float) (1 + (r.nextDouble() * 2 - 1) * strength));
        }
    }

    /** The image as planar RGB {@code [3, h, w]} on [0, 255]. */
    public static float[] planar(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int o = y * w + x;
                out[o] = (rgb >> 16) & 255;
                out[o + plane] = (rgb >> 8) & 255;
                out[o + 2 * plane] = rgb & 255;
            }
        }
        return out;
    }

    /**
     * Resizes {@code img} by {@code scale} (antialiased bilinear, at most the canvas) and writes it,
     * optionally flipped and jittered, normalised into {@code out[offset ..]} as {@code [3, H, W]}
     * with zero padding — on the {@link ImageKernels}.
     *
     * @return the resized image's size inside the canvas
     */
    public static ImageSize place(ImageKernels kernels, BufferedImage img, double scale, int canvasH, int canvasW,
                              boolean flip, Jitter j, float[] out, int offset) {
        Resized r = resize(kernels, img, scale, canvasH, canvasW);
        kernels.normalize(r.pixels(), r.height(), r.width(), canvasH, canvasW, flip, j.brightness(), j.contrast(),
                j.saturation(), out, offset);
        return new ImageSize(r.height(), r.width());
    }

    /** An image resized for the canvas: planar RGB {@code [3, height, width]} on [0, 255]. */
    public record Resized(float[] pixels, int width, int height) {
    }

    /** The first half of {@link #place}: {@code img} resized by {@code scale}, at most the canvas. */
    public static Resized resize(ImageKernels kernels, BufferedImage img, double scale, int canvasH, int canvasW) {
        int w = img.getWidth();
        int h = img.getHeight();
        int rw = Math.min(canvasW, Math.max(1, (int) Math.round(w * scale)));
        int rh = Math.min(canvasH, Math.max(1, (int) Math.round(h * scale)));
        float[] src = planar(img);
        return new Resized((rw == w && rh == h) ? src : kernels.resize(src, 3, h, w, rh, rw), rw, rh);
    }
}
