package io.sedet.data;

import java.awt.image.BufferedImage;

/**
 * The size of an image or a canvas in pixels, height first as in the tensors' {@code [.., H, W]}:
 * one type where the order of two ints would otherwise be a convention to remember.
 */
public record ImageSize(int height, int width) {
    public static ImageSize of(BufferedImage img) {
        return new ImageSize(img.getHeight(), img.getWidth());
    }

    /** The shorter side. */
    public int shortSide() {
        return Math.min(height, width);
    }
}
