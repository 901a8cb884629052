package io.sedet.predict;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.model.InferenceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PostprocessorTest {
    private static final int S = 128;
    private static final int C = 3;
    private final AnchorGenerator gen = new AnchorGenerator(AnchorSpec.retinaNet());
    private final int n = gen.total(S, S);
    private final float[] anchors = gen.all(S, S);

    private InferenceGraph.Output output(float[] scores, float[] deltas) {
        return new InferenceGraph.Output(1, n, C, scores, deltas);
    }

    @Test
    void decodesThresholdsSuppressesAndRescales() {
        float[] scores = new float[n * C];
        float[] deltas = new float[n * 4];
        scores[10 * C + 1] = 0.9f;      // anchor 10, class 1
        scores[11 * C + 1] = 0.8f;      // anchor 11 overlaps anchor 10 heavily: suppressed
        scores[11 * C + 2] = 0.7f;      // same box, other class: kept
        scores[500 * C] = 0.04f;        // below the 0.05 threshold
        Postprocessor p = new Postprocessor(AnchorSpec.retinaNet(), S, S, Compute.reference().boxes(), PostprocessConfig.retinaNet());
        List<PredictedBox> dets = p.detections(output(scores, deltas), 0, 0.5, new io.sedet.data.ImageSize(S, S));
        assertEquals(2, dets.size(), dets.toString());
        PredictedBox top = dets.get(0);
        assertEquals(1, top.label());
        assertEquals(0.9f, top.score());
        // zero deltas decode to the anchor, clipped to the image, then divided by the scale 0.5
        assertEquals(Math.max(0, anchors[40]) / 0.5, top.x1(), 1e-3);
        assertEquals(Math.min(S, anchors[42]) / 0.5, top.x2(), 1e-3);
        assertEquals(2, dets.get(1).label());
    }

    @Test
    void keepsAtMostTheConfiguredNumber() {
        float[] scores = new float[n * C];
        for (int i = 0; i < n; i++) {
            scores[i * C] = 0.5f + 0.4f * i / n;
        }
        Postprocessor p = new Postprocessor(AnchorSpec.retinaNet(), S, S, Compute.reference().boxes(), new PostprocessConfig(0.05, 1000, 0.5, 7));
        assertEquals(7, p.detections(output(scores, new float[n * 4]), 0, 1, new io.sedet.data.ImageSize(S, S)).size());
        assertEquals(0, p.detections(output(new float[n * C], new float[n * 4]), 0, 1, new io.sedet.data.ImageSize(S, S)).size());
    }

    /** A box that clipping leaves empty (predicted below the resized image, in the padding) is no detection. */
    @Test
    void dropsBoxesClippedToNothing() {
        float[] scores = new float[n * C];
        scores[10 * C + 1] = 0.9f;
        scores[20 * C + 1] = 0.8f;
        float[] deltas = new float[n * 4];
        deltas[4 * 20 + 1] = 40f;        // anchor 20 shifted 40 anchor heights down: below the image
        Postprocessor p = new Postprocessor(AnchorSpec.retinaNet(), S, S, Compute.reference().boxes(), PostprocessConfig.retinaNet());
        List<PredictedBox> dets = p.detections(output(scores, deltas), 0, 1, new io.sedet.data.ImageSize(S / 2, S));
        assertEquals(1, dets.size(), dets.toString());
        assertEquals(0.9f, dets.get(0).score());
    }

    /** Top-k runs per level: the best k candidates of P3 and of P4 survive, whatever the other level's scores. */
    @Test
    void keepsTheTopKOfEachLevel() {
        float[] scores = new float[n * C];
        int p4 = 16 * 16 * 9; // P3 of a 128 canvas: 16x16 locations, 9 anchors each
        int[] p3Cells = {0, 8, 8 * 16, 8 * 16 + 8, 15 * 16 + 15};
        float[] p3Scores = {0.9f, 0.8f, 0.75f, 0.74f, 0.73f};
        for (int j = 0; j < p3Cells.length; j++) {
            scores[(p3Cells[j] * 9) * C] = p3Scores[j];                 // class 0, far-apart locations
        }
        int[] p4Cells = {0, 7 * 8 + 7, 7};
        float[] p4Scores = {0.7f, 0.6f, 0.55f};
        for (int j = 0; j < p4Cells.length; j++) {
            scores[(p4 + p4Cells[j] * 9) * C + 1] = p4Scores[j];       // class 1
        }
        Postprocessor top2 = new Postprocessor(AnchorSpec.retinaNet(), S, S, Compute.reference().boxes(),
                new PostprocessConfig(0.05, 2, 0.5, 100));
        List<Float> got = top2.detections(output(scores, new float[n * 4]), 0, 1, new io.sedet.data.ImageSize(S, S)).stream()
                .map(PredictedBox::score).sorted(java.util.Comparator.reverseOrder()).toList();
        assertEquals(List.of(0.9f, 0.8f, 0.7f, 0.6f), got);
        Postprocessor all = new Postprocessor(AnchorSpec.retinaNet(), S, S, Compute.reference().boxes(),
                PostprocessConfig.retinaNet());
        assertEquals(8, all.detections(output(scores, new float[n * 4]), 0, 1, new io.sedet.data.ImageSize(S, S)).size());
    }

    /** The primitive ordering equals a stable sort by descending score, for ties and zeros too. */
    @Test
    void ordersCandidatesByScoreThenPosition() {
        java.util.Random r = new java.util.Random(5);
        float[] scores = new float[500];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.nextInt(4) == 0 ? 0.25f : r.nextInt(10) == 0 ? 0f : r.nextFloat();
        }
        int[] above = new int[200];
        for (int j = 0; j < above.length; j++) {
            above[j] = r.nextInt(scores.length - 7);
        }
        Integer[] expected = new Integer[above.length];
        for (int j = 0; j < above.length; j++) {
            expected[j] = j;
        }
        java.util.Arrays.sort(expected, (x, y) -> Float.compare(scores[7 + above[y]], scores[7 + above[x]]));
        assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(),
                Postprocessor.byScore(scores, 7, above));
    }
}
