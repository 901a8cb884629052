package io.sedet.analysis;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.data.ShapesDataset;
import io.sedet.model.DetectorParams;
import io.sedet.predict.DetectorModel;
import io.sedet.semisup.LevelPairing;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fig. 2b's binning on hand-made scores, and the pairing on a real (tiny) model. */
class ScaleConsistencyTest {
    @TempDir
    Path dir;

    /**
     * Four full-view anchors, three paired (full 1..3 ↔ half 0..2), two classes. Distances (max
     * over classes): pair 0: |0.95 − 0.1| = 0.85; pair 1: max(0.05, 0.3) = 0.3; pair 2: 0. Anchor 1
     * (pair 0) lies on the true box (foreground), the others do not.
     */
    @Test
    void distancesAreBinnedByForegroundAndBackground() {
        float[] full = {0.5f, 0.5f, 0.95f, 0.2f, 0.1f, 0.6f, 0.4f, 0.4f};
        float[] half = {0.1f, 0.2f, 0.15f, 0.3f, 0.4f, 0.4f};
        float[] anchors = {0, 0, 4, 4, 10, 10, 20, 20, 40, 40, 50, 50, 60, 60, 70, 70};
        float[] truth = {10, 10, 20, 21};
        ScaleConsistency s = new ScaleConsistency(10);
        LevelPairing pairing = new LevelPairing(1, 0, 3);
        s.add(full, half, 2, pairing, anchors, truth);
        s.add(full, half, 2, pairing, anchors, new float[0]); // the same image without truth: all background
        ScaleConsistency.Result r = s.result();
        assertEquals(2, r.images());
        double[] fg = new double[10];
        fg[8] = 0.5; // one foreground pair at 0.85 over two images
        double[] bg = new double[10];
        bg[0] = 1.0; // pair 2 (distance 0) in both images
        bg[3] = 1.0; // pair 1 (0.3) in both images
        bg[8] = 0.5; // pair 0 in the image without truth
        assertArrayEquals(fg, r.foregroundPerImage(), 1e-9);
        assertArrayEquals(bg, r.backgroundPerImage(), 1e-9);
        assertEquals(0.85, r.meanForegroundDistance(), 1e-6);
        assertEquals((0.3 + 0 + 0.85 + 0.3 + 0) / 5, r.meanBackgroundDistance(), 1e-6);
        assertEquals(1.0, r.edges()[10]);
    }

    /** On a tiny random model every scale pair of every image lands in exactly one bin. */
    @Test
    void everyPairOfARealModelIsCounted() throws Exception {
        TrainConfig c = TinyRuns.config(1);
        var spec = c.detectorSpec(5);
        DetectorParams params = DetectorParams.initial(spec, 128, 128, 3);
        Path file = dir.resolve("m.ckpt");
        Checkpoint.save(file, new Checkpoint.Content(0, java.util.List.of("a", "b", "c", "d", "e"), c, params,
                java.util.Map.of(), 0, java.util.Map.of()));
        DetectorModel m = DetectorModel.load(file);
        ShapesDataset data = new ShapesDataset(1, ShapesDataset.Split.VAL, 3, 128);
        ScaleConsistency.Result r = ModelAnalysis.scale(m, data, 3, 5, Compute.reference());
        assertEquals(3, r.images());
        double perImage = 0;
        for (int i = 0; i < 5; i++) {
            perImage += r.foregroundPerImage()[i] + r.backgroundPerImage()[i];
        }
        int pairs = LevelPairing.scaleEquivalent(spec.anchors(), 128, 128).count();
        assertEquals(pairs, perImage, 1e-9);
        assertTrue(pairs < new AnchorGenerator(spec.anchors()).total(128, 128));
        assertTrue(r.meanBackgroundDistance() >= 0 && r.meanBackgroundDistance() <= 1);
    }
}
