package io.sedet.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fig. 2c's recall and precision on hand-made images with answers worked out by hand. */
class PseudoLabelQualityTest {
    /**
     * Truth: A = class 0 at (0,0,10,10), B = class 0 at (20,0,30,10), C = class 1 at (0,20,10,30).
     * Detections: d1 class 0 exactly on A, 0.9; d2 class 0 at (20,0,30,5) (IoU 0.5 with B), 0.8;
     * d3 class 0 on C (wrong class), 0.95; d4 class 1 on C, 0.3; d5 class 0 again on A, 0.85
     * (a duplicate: A is taken by d1).
     */
    static PseudoLabelQuality.Image image() {
        float[] truth = {0, 0, 10, 10, 20, 0, 30, 10, 0, 20, 10, 30};
        int[] truthLabels = {0, 0, 1};
        float[] det = {0, 0, 10, 10, 20, 0, 30, 5, 0, 20, 10, 30, 0, 20, 10, 30, 0, 0, 10, 10};
        int[] detLabels = {0, 0, 0, 1, 0};
        float[] scores = {0.9f, 0.8f, 0.95f, 0.3f, 0.85f};
        return new PseudoLabelQuality.Image(truth, truthLabels, det, detLabels, scores);
    }

    @Test
    void recallAndPrecisionPerThresholdAndIou() {
        List<PseudoLabelQuality.Row> rows = PseudoLabelQuality.measure(List.of(image()), new double[] {0.7, 0.2},
                new double[] {0.4, 0.5, 0.6});
        assertEquals(6, rows.size());
        // threshold 0.7: d3, d1, d5, d2 (4 detections). IoU 0.4 and 0.5: d1-A, d2-B -> 2 matched
        check(rows.get(0), 0.7, 0.4, 4, 3, 2);
        check(rows.get(1), 0.7, 0.5, 4, 3, 2);
        // IoU 0.6: d2 no longer matches B
        check(rows.get(2), 0.7, 0.6, 4, 3, 1);
        // threshold 0.2 adds d4, which matches C
        check(rows.get(3), 0.2, 0.4, 5, 3, 3);
        check(rows.get(5), 0.2, 0.6, 5, 3, 2);
        assertEquals(2 / 4.0, rows.get(0).precision(), 1e-12);
        assertEquals(2 / 3.0, rows.get(0).recall(), 1e-12);
    }

    @Test
    void noDetectionsOrNoTruthAreUndefinedNotZero() {
        PseudoLabelQuality.Image empty = new PseudoLabelQuality.Image(new float[0], new int[0], new float[] {0, 0, 5, 5},
                new int[] {0}, new float[] {0.5f});
        PseudoLabelQuality.Row r = PseudoLabelQuality.measure(List.of(empty), new double[] {0.9}, new double[] {0.5}).get(0);
        assertEquals(-1, r.precision());
        assertEquals(-1, r.recall());
        r = PseudoLabelQuality.measure(List.of(empty), new double[] {0.1}, new double[] {0.5}).get(0);
        assertEquals(0, r.precision());
        assertEquals(-1, r.recall());
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelQuality.Image(new float[4], new int[2],
                new float[0], new int[0], new float[0]));
    }

    private static void check(PseudoLabelQuality.Row r, double t, double iou, long dets, long truths, long matched) {
        assertEquals(t, r.threshold());
        assertEquals(iou, r.iou());
        assertEquals(dets, r.detections(), "detections at " + t + "/" + iou);
        assertEquals(truths, r.truths());
        assertEquals(matched, r.matched(), "matched at " + t + "/" + iou);
    }
}
