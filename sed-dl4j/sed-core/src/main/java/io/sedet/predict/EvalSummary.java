package io.sedet.predict;

import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * What one COCO evaluation of a model found, kept beside a run for its report: the 12 summary
 * numbers, AP and AP50 per class, and the class-averaged precision–recall curves at IoU 0.50 and
 * 0.75 (area "all", the largest maxDets), all read from {@link CocoEvalResult}'s arrays.
 *
 * @param split     which images: "val" (training's evaluations) or "test" (a comparison's held-out split)
 * @param iteration the training iteration of the evaluated parameters
 * @param images    images evaluated
 * @param stats     {@link CocoEvalResult#STAT_NAMES} → value (-1 where undefined, as pycocotools)
 * @param classes   per class, in the evaluation's category order
 * @param curves    "0.50" and "0.75" → curve
 */
public record EvalSummary(String split, long iteration, int images, Map<String, Double> stats,
                          List<ClassAp> classes, Map<String, PrCurve> curves) {
    /** File a training run keeps its latest validation in. */
    public static final String VAL_FILE = "eval.json";
    /** File a comparison keeps a variant's test-split evaluation in. */
    public static final String TEST_FILE = "test-eval.json";
    /** IoU thresholds of the stored curves. */
    public static final List<Double> CURVE_IOUS = List.of(0.5, 0.75);

    /**
     * @param ap   AP at IoU .50:.95 (-1: the class has no ground truth)
     * @param ap50 AP at IoU .50 (-1 likewise)
     */
    public record ClassAp(int categoryId, String name, double ap, double ap50) {
    }

    /**
     * Precision at each of COCO's recall thresholds, averaged over the classes that have ground
     * truth; beyond the largest recall reached the precision is 0, as pycocotools fills it.
     *
     * @param recall    {@code [R]} recall thresholds (0, 0.01, …, 1)
     * @param precision {@code [R]} mean precision; -1 where no class has ground truth
     */
    public record PrCurve(double[] recall, double[] precision) {
    }

    public static EvalSummary of(CocoEvalResult r, String split, long iteration, int images) {
        int all = r.params().areaIndex("all");
        int m = r.shape().numMax() - 1;
        int t50 = r.params().iouIndex(0.5);
        Map<Integer, Double> ap = r.perCategoryAp();
        List<ClassAp> classes = new ArrayList<>();
        for (int k = 0; k < r.shape().numCats(); k++) {
            int cat = k;
            var c = r.categories().get(k);
            classes.add(new ClassAp(c.id(), c.name(), ap.get(c.id()),
                    meanDefined(IntStream.range(0, r.shape().numRec()).mapToDouble(q -> r.precision(t50, q, cat, all, m)))));
        }
        Map<String, PrCurve> curves = new LinkedHashMap<>();
        for (double iou : CURVE_IOUS) {
            int t = r.params().iouIndex(iou);
            double[] recall = r.params().recallThresholds().clone();
            double[] precision = new double[recall.length];
            for (int q = 0; q < recall.length; q++) {
                int rq = q;
                precision[q] = meanDefined(IntStream.range(0, r.shape().numCats())
                        .mapToDouble(k -> r.precision(t, rq, k, all, m)));
            }
            curves.put(curveKey(iou), new PrCurve(recall, precision));
        }
        return new EvalSummary(split, iteration, images, r.statsMap(), classes, curves);
    }

    /** The mean of the values that are defined (> −1, pycocotools' "no ground truth"), or −1 when none is. */
    private static double meanDefined(DoubleStream values) {
        return values.filter(v -> v > -1).average().orElse(-1);
    }

    /** "0.50" for 0.5: the key of {@link #curves}. */
    public static String curveKey(double iou) {
        return String.format(java.util.Locale.ROOT, "%.2f", iou);
    }

    /** Writes the summary as JSON, atomically (a reader never sees half a file). */
    public void write(Path file) throws IOException {
        JsonFiles.writeValue(file, this);
    }

    /** Reads a summary {@link #write} wrote, or null when the file is not there. */
    public static EvalSummary readIfPresent(Path file) {
        return JsonFiles.readValueIfPresent(file, EvalSummary.class, "an evaluation summary");
    }
}
