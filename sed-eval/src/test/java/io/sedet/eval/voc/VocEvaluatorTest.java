package io.sedet.eval.voc;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed cases of the devkit's rules. */
class VocEvaluatorTest {

    /** Ground truth given in devkit pixels (1-based, inclusive). */
    private static GroundTruth gt(long id, String img, int cat, double xmin, double ymin, double xmax, double ymax,
                                  boolean difficult) {
        Box b = VocDevkit.fromDevkit(xmin, ymin, xmax, ymax);
        return new GroundTruth(id, img, cat, b, b.area(), false, difficult);
    }

    private static Detection dt(String img, int cat, double xmin, double ymin, double xmax, double ymax, double s) {
        return new Detection(img, cat, VocDevkit.fromDevkit(xmin, ymin, xmax, ymax), s);
    }

    private static Dataset dataset(List<GroundTruth> anns, int numClasses) {
        List<Category> cats = new ArrayList<>();
        for (int i = 1; i <= numClasses; i++) {
            cats.add(new Category(i, "c" + i));
        }
        return new Dataset(List.of(new ImageInfo("a", "a.jpg", 100, 100), new ImageInfo("b", "b.jpg", 100, 100)),
                cats, anns, false, null);
    }

    /**
     * TP, duplicate FP, difficult (ignored), background FP, TP: rec .5 .5 .5 .5 1,
     * prec 1 .5 .5 1/3 .5 — VOC12 AP = .5*1 + .5*.5 = .75; VOC07 = (6*1 + 5*.5)/11.
     */
    @Test
    void duplicatesDifficultAndBackground() {
        Dataset gt = dataset(List.of(
                gt(1, "a", 1, 1, 1, 10, 10, false),
                gt(2, "a", 1, 20, 20, 30, 30, true),
                gt(3, "b", 1, 5, 5, 15, 15, false)), 1);
        List<Detection> dts = List.of(
                dt("a", 1, 1, 1, 10, 10, 0.9),
                dt("a", 1, 1, 1, 10, 10, 0.8),
                dt("a", 1, 20, 20, 30, 30, 0.7),
                dt("b", 1, 50, 50, 60, 60, 0.6),
                dt("b", 1, 5, 5, 15, 15, 0.5));
        assertEquals(0.75, VocEvaluator.evaluate(gt, dts, VocMetric.VOC12).mAP(), 1e-12);
        assertEquals(8.5 / 11, VocEvaluator.evaluate(gt, dts, VocMetric.VOC07).mAP(), 1e-12);
    }

    /** Devkit overlap uses +1 pixel sizes and {@code >= 0.5}: 10x10 inside 10x20 is exactly 0.5, a hit. */
    @Test
    void overlapOfExactlyHalfIsATruePositive() {
        Dataset gt = dataset(List.of(gt(1, "a", 1, 1, 1, 10, 10, false)), 1);
        assertEquals(1.0, VocEvaluator.evaluate(gt, List.of(dt("a", 1, 1, 1, 10, 20, 0.9)), VocMetric.VOC12).mAP(), 1e-12);
        // 10x10 inside 10x21 is 100/210 < 0.5: a miss
        assertEquals(0.0, VocEvaluator.evaluate(gt, List.of(dt("a", 1, 1, 1, 10, 21, 0.9)), VocMetric.VOC12).mAP(), 1e-12);
    }

    @Test
    void classWithoutPositivesIsUndefinedAndLeftOutOfMap() {
        Dataset gt = dataset(List.of(gt(1, "a", 1, 1, 1, 10, 10, false), gt(2, "a", 2, 1, 1, 10, 10, true)), 3);
        VocEvalResult r = VocEvaluator.evaluate(gt, List.of(dt("a", 1, 1, 1, 10, 10, 0.9)), VocMetric.VOC12);
        assertEquals(1.0, r.perClass().get("c1"));
        assertTrue(Double.isNaN(r.perClass().get("c2")), "only difficult objects");
        assertTrue(Double.isNaN(r.perClass().get("c3")), "no objects");
        assertEquals(1.0, r.mAP());
    }

    @Test
    void wrongClassAndMissedObjectsLowerAp() {
        Dataset gt = dataset(List.of(gt(1, "a", 1, 1, 1, 10, 10, false), gt(2, "b", 1, 1, 1, 10, 10, false)), 2);
        List<Detection> dts = List.of(dt("a", 2, 1, 1, 10, 10, 0.9), dt("b", 1, 1, 1, 10, 10, 0.8));
        VocEvalResult r = VocEvaluator.evaluate(gt, dts, VocMetric.VOC12);
        assertEquals(0.5, r.perClass().get("c1"), 1e-12);   // one of two found, precision 1
        assertTrue(Double.isNaN(r.perClass().get("c2")));
        // VOC07: recall .5 reached with precision 1 -> thresholds 0..0.5 (6 of 11)
        assertEquals(6.0 / 11, VocEvaluator.evaluate(gt, dts, VocMetric.VOC07).mAP(), 1e-12);
    }

    @Test
    void noDetectionsGiveZero() {
        Dataset gt = dataset(List.of(gt(1, "a", 1, 1, 1, 10, 10, false)), 1);
        assertEquals(0.0, VocEvaluator.evaluate(gt, List.of(), VocMetric.VOC07).mAP());
        assertEquals(0.0, VocEvaluator.evaluate(gt, List.of(), VocMetric.VOC12).mAP());
    }

    /** Equal confidences keep input order: the first listed detection takes the object. */
    @Test
    void tiesAreStable() {
        Dataset gt = dataset(List.of(gt(1, "a", 1, 1, 1, 10, 10, false), gt(2, "b", 1, 1, 1, 10, 10, false)), 1);
        // FP first, then TP, both at 0.5; then TP at 0.4. prec 0, .5, 2/3; rec 0, .5, 1
        List<Detection> dts = List.of(dt("a", 1, 50, 50, 60, 60, 0.5), dt("a", 1, 1, 1, 10, 10, 0.5),
                dt("b", 1, 1, 1, 10, 10, 0.4));
        assertEquals(0.5 * (2.0 / 3) + 0.5 * (2.0 / 3), VocEvaluator.evaluate(gt, dts, VocMetric.VOC12).mAP(), 1e-12);
    }

    @Test
    void elevenThresholdsFollowMatlabColon() {
        double[] t = VocEvaluator.elevenThresholds();
        assertEquals(11, t.length);
        assertEquals(0.0, t[0]);
        assertEquals(1.0, t[10]);
        assertEquals(0.7, t[7], 0.0);   // 1 - 3*0.1 is the double nearest 0.7; 7*0.1 is not
        assertArrayEquals(new double[] {0.1, 0.2, 0.30000000000000004, 0.4, 0.5},
                java.util.Arrays.copyOfRange(t, 1, 6));
    }
}
