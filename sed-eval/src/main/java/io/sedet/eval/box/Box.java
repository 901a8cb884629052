package io.sedet.eval.box;

/**
 * An axis-aligned box in absolute pixels, corners {@code (x1, y1, x2, y2)} with the continuous
 * convention: a box covering pixels 0..9 horizontally has {@code x1 = 0, x2 = 10}, width 10.
 *
 * <p>Coordinates are {@code double} so that values read from COCO/VOC files keep the precision
 * pycocotools uses (float64): rounding them to float changes score ties and IoU threshold
 * crossings. Batched boxes for the kernels are {@link Boxes} ({@code float[N*4]}).
 *
 * <p>An inverted box ({@code x2 < x1} or {@code y2 < y1}) is representable, has zero
 * {@link #area()} and zero IoU with everything; readers reject such boxes in files.
 */
public record Box(double x1, double y1, double x2, double y2) {

    /** From COCO's {@code [x, y, w, h]}: top-left corner and size. */
    public static Box fromXywh(double x, double y, double w, double h) {
        return new Box(x, y, x + w, y + h);
    }

    /** From centre and size {@code (cx, cy, w, h)}. */
    public static Box fromCxcywh(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    /** Area in square pixels, zero for empty or inverted boxes. */
    public double area() {
        return BoxMath.area(x1, y1, x2, y2);
    }

    /** COCO's {@code [x, y, w, h]}. */
    public double[] toXywh() {
        return new double[] {x1, y1, x2 - x1, y2 - y1};
    }

    public double[] toXyxy() {
        return new double[] {x1, y1, x2, y2};
    }

    /** Intersection over union, in [0, 1]; zero when either box is empty. */
    public double iou(Box other) {
        return BoxMath.iou(x1, y1, x2, y2, other.x1, other.y1, other.x2, other.y2);
    }

    /** True when all four coordinates are finite and {@code x1 <= x2, y1 <= y2}. */
    public boolean isValid() {
        return Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2)
                && Double.isFinite(y2) && x1 <= x2 && y1 <= y2;
    }

    /** This box clipped to {@code [0, width] x [0, height]}. */
    public Box clip(double width, double height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    /** This box with every coordinate multiplied by {@code s}. */
    public Box scale(double s) {
        return new Box(x1 * s, y1 * s, x2 * s, y2 * s);
    }

    private static double clamp(double v, double hi) {
        return Math.max(0, Math.min(hi, v));
    }
}
