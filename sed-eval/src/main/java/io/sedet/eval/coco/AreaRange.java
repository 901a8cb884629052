package io.sedet.eval.coco;

/**
 * An object-size range of COCO evaluation, on the annotation {@code area} in square pixels. Both
 * bounds are inclusive: an object is outside when {@code area < min || area > max}.
 */
public record AreaRange(String label, double min, double max) {

    public boolean contains(double area) {
        return !(area < min || area > max);
    }
}
