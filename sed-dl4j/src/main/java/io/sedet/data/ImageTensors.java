package io.sedet.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Image → network input: resize keeping the aspect ratio so that the image fits the canvas
 * (short side at most {@code shortSide}, long side at most the canvas), place it at the top-left
 * of an H×W canvas (zero padding after normalisation), normalise with ImageNet's mean and std,
 * and lay it out as {@code [3, H, W]} floats.
 */
public final class ImageTensors {
    /** ImageNet channel means and standard deviations (RGB, on [0, 1]). */
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageTensors() {
    }

    /** The factor that fits a w×h image into the canvas with its short side at most {@code shortSide}. */
    public static double fitScale(int w, int h, int canvasW, int canvasH, int shortSide) {
        double s = Math.min((double) shortSide / Math.min(w, h), Math.min((double) canvasW / w, (double) canvasH / h));
        return s;
    }

    /** Resizes by {@code scale} (bilinear; smooth area-averaging when shrinking by more than 2). */
    public static BufferedImage resize(BufferedImage img, double scale) {
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        if (w == img.getWidth() && h == img.getHeight() && img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        if (scale < 0.5) {
            g.drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } else {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
        }
        g.dispose();
        return out;
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

    /** {@link #toChw(BufferedImage, int, int, boolean, Jitter, float[], int)} without jitter. */
    public static void toChw(BufferedImage img, int canvasH, int canvasW, boolean flip, float[] out, int offset) {
        toChw(img, canvasH, canvasW, flip, Jitter.NONE, out, offset);
    }

    /**
     * Writes {@code img} (already resized, at most H×W) normalised into {@code out} at
     * {@code offset} as {@code [3, H, W]}; the rest of the canvas is 0 (the mean colour).
     *
     * @param flip mirror horizontally within the image's own width
     */
    public static void toChw(BufferedImage img, int canvasH, int canvasW, boolean flip, Jitter j,
                             float[] out, int offset) {
        int w = Math.min(img.getWidth(), canvasW);
        int h = Math.min(img.getHeight(), canvasH);
        int plane = canvasH * canvasW;
        java.util.Arrays.fill(out, offset, offset + 3 * plane, 0f);
        int[] row = new int[img.getWidth()];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, img.getWidth(), 1, row, 0, img.getWidth());
            for (int x = 0; x < w; x++) {
                int rgb = row[flip ? w - 1 - x : x];
                int o = offset + y * canvasW + x;
                float r = ((rgb >> 16) & 255) / 255f;
                float g = ((rgb >> 8) & 255) / 255f;
                float b = (rgb & 255) / 255f;
                if (j != Jitter.NONE) {
                    float grey = 0.299f * r + 0.587f * g + 0.114f * b;
                    r = (grey + (r - grey) * j.saturation() - 0.5f) * j.contrast() + 0.5f + j.brightness();
                    g = (grey + (g - grey) * j.saturation() - 0.5f) * j.contrast() + 0.5f + j.brightness();
                    b = (grey + (b - grey) * j.saturation() - 0.5f) * j.contrast() + 0.5f + j.brightness();
                }
                out[o] = (r - MEAN[0]) / STD[0];
                out[o + plane] = (g - MEAN[1]) / STD[1];
                out[o + 2 * plane] = (b - MEAN[2]) / STD[2];
            }
        }
    }
}
