package io.sedet.data;

import java.awt.image.BufferedImage;

/**
 * One training or evaluation image with its objects.
 *
 * @param id     image id (as in the dataset)
 * @param image  RGB pixels
 * @param boxes  {@code [G*4]} xyxy in the image's pixels
 * @param labels {@code [G]} 0-based class index of each box
 */
public record Sample(String id, BufferedImage image, float[] boxes, int[] labels) {

    public Sample {
        if (boxes.length != 4 * labels.length) {
            throw new IllegalArgumentException("image " + id + ": " + boxes.length / 4 + " boxes but "
                    + labels.length + " labels");
        }
    }

    public int numObjects() {
        return labels.length;
    }
}
