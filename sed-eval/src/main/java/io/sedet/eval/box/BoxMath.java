package io.sedet.eval.box;

/**
 * Stateless box geometry on primitive coordinates (xyxy, continuous pixels). The single place
 * where intersection and union are written; {@link Box}, {@link Boxes} and {@link Nms} call it.
 */
public final class BoxMath {
    private BoxMath() {
    }

    /** Area of {@code [x1,x2] x [y1,y2]}, zero when the box is empty or inverted. */
    public static double area(double x1, double y1, double x2, double y2) {
        double w = x2 - x1;
        double h = y2 - y1;
        return (w > 0 && h > 0) ? w * h : 0.0;
    }

    /** Area of the intersection of two boxes, zero when they do not overlap. */
    public static double intersection(double ax1, double ay1, double ax2, double ay2,
                                      double bx1, double by1, double bx2, double by2) {
        double w = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        if (!(w > 0)) {
            return 0.0;
        }
        double h = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (!(h > 0)) {
            return 0.0;
        }
        return w * h;
    }

    /**
     * Intersection over union in [0, 1]. Empty or inverted boxes have zero IoU with everything,
     * including themselves; NaN coordinates give zero.
     */
    public static double iou(double ax1, double ay1, double ax2, double ay2,
                             double bx1, double by1, double bx2, double by2) {
        double inter = intersection(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        if (inter <= 0) {
            return 0.0;
        }
        double union = area(ax1, ay1, ax2, ay2) + area(bx1, by1, bx2, by2) - inter;
        return union > 0 ? inter / union : 0.0;
    }
}
