package io.sedet.eval.box;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy non-maximum suppression, with torchvision's semantics: boxes are visited by descending
 * score (ties keep input order), and a box is dropped when its IoU with an already kept box is
 * strictly greater than the threshold. NaN scores sort last and are never kept.
 */
public final class Nms {
    private Nms() {
    }

    /**
     * Class-agnostic NMS.
     *
     * @param boxes  {@code [N]} boxes
     * @param scores {@code [N]} scores
     * @param iouThreshold boxes with IoU &gt; this with a kept box are suppressed
     * @return indices of kept boxes, by descending score
     */
    public static int[] nms(Boxes boxes, float[] scores, double iouThreshold) {
        int[] none = new int[scores.length];
        return batched(boxes, scores, none, iouThreshold);
    }

    /**
     * Per-class NMS: boxes of different {@code classes} never suppress each other.
     *
     * @param classes {@code [N]} class index of each box
     * @return indices of kept boxes over all classes, by descending score
     */
    public static int[] batched(Boxes boxes, float[] scores, int[] classes, double iouThreshold) {
        int n = boxes.size();
        if (scores.length != n || classes.length != n) {
            throw new IllegalArgumentException("boxes " + n + ", scores " + scores.length
                    + ", classes " + classes.length + " differ in length");
        }
        int[] order = visitingOrder(scores);
        float[] xyxy = boxes.toArray();
        boolean[] suppressed = new boolean[n];
        List<Integer> keep = new ArrayList<>();
        for (int oi = 0; oi < n; oi++) {
            int i = order[oi];
            if (suppressed[i] || Float.isNaN(scores[i])) {
                continue;
            }
            keep.add(i);
            for (int oj = oi + 1; oj < n; oj++) {
                int j = order[oj];
                if (suppressed[j] || classes[j] != classes[i]) {
                    continue;
                }
                double iou = BoxMath.iou(xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3],
                        xyxy[4 * j], xyxy[4 * j + 1], xyxy[4 * j + 2], xyxy[4 * j + 3]);
                if (iou > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The order greedy NMS visits boxes in: descending score, ties in input order (stable), NaN
     * scores last.
     */
    public static int[] visitingOrder(float[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(nanLow(scores[b]), nanLow(scores[a])));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static float nanLow(float s) {
        return Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s;
    }
}
