package io.sedet.eval.coco;

import java.util.Arrays;
import java.util.List;

/**
 * Parameters of COCO bbox evaluation, with pycocotools' {@code Params(iouType='bbox')} defaults:
 *
 * <table>
 *   <caption>symbols</caption>
 *   <tr><td>T</td><td>IoU thresholds .50:.05:.95 (10), computed exactly as {@code np.linspace}</td></tr>
 *   <tr><td>R</td><td>recall thresholds 0:.01:1 (101)</td></tr>
 *   <tr><td>K</td><td>categories (all categories of the ground truth, sorted by id)</td></tr>
 *   <tr><td>A</td><td>area ranges all [0, 1e10], small [0, 32²], medium [32², 96²], large [96², 1e10]</td></tr>
 *   <tr><td>M</td><td>max detections per image 1, 10, 100 (ascending)</td></tr>
 * </table>
 */
public record CocoEvalParams(double[] iouThresholds, double[] recallThresholds, int[] maxDets,
                             List<AreaRange> areaRanges) {

    public CocoEvalParams {
        iouThresholds = iouThresholds.clone();
        recallThresholds = recallThresholds.clone();
        maxDets = maxDets.clone();
        Arrays.sort(maxDets);
        if (maxDets.length == 0 || maxDets[0] < 1) {
            throw new IllegalArgumentException("maxDets must be positive: " + Arrays.toString(maxDets));
        }
        areaRanges = List.copyOf(areaRanges);
    }

    /** pycocotools' defaults for bbox evaluation. */
    public static CocoEvalParams defaults() {
        return new CocoEvalParams(
                linspace(0.5, 0.95, (int) Math.round((0.95 - 0.5) / 0.05) + 1),
                linspace(0.0, 1.00, (int) Math.round((1.00 - 0.0) / 0.01) + 1),
                new int[] {1, 10, 100},
                List.of(new AreaRange("all", 0, 1e10),
                        new AreaRange("small", 0, 32 * 32),
                        new AreaRange("medium", 32 * 32, 96 * 96),
                        new AreaRange("large", 96 * 96, 1e10)));
    }

    /** {@code np.linspace(start, stop, num, endpoint=True)} with numpy's exact arithmetic. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** Index of the IoU threshold exactly equal to {@code t} (as pycocotools' {@code np.where}), or -1. */
    public int iouIndex(double t) {
        for (int i = 0; i < iouThresholds.length; i++) {
            if (iouThresholds[i] == t) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the area range with this label, or -1. */
    public int areaIndex(String label) {
        for (int i = 0; i < areaRanges.size(); i++) {
            if (areaRanges.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of this maxDets value, or -1. */
    public int maxDetIndex(int maxDet) {
        for (int i = 0; i < maxDets.length; i++) {
            if (maxDets[i] == maxDet) {
                return i;
            }
        }
        return -1;
    }

    /** The largest maxDets value: detections per image and category kept for matching. */
    public int maxDetLargest() {
        return maxDets[maxDets.length - 1];
    }
}
