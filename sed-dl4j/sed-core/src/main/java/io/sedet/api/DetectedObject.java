package io.sedet.api;

/**
 * One object a {@link Detector} found, in the pixels of the image it was given.
 *
 * @param className  the class's name, as the model was trained with it
 * @param classIndex 0-based index into {@link Detector#classNames()}
 * @param score      confidence in [0, 1]
 * @param x1         left edge, pixels
 * @param y1         top edge, pixels
 * @param x2         right edge, pixels (exclusive, as COCO's x + width)
 * @param y2         bottom edge, pixels
 */
public record DetectedObject(String className, int classIndex, double score, double x1, double y1, double x2,
                             double y2) {
    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }
}
