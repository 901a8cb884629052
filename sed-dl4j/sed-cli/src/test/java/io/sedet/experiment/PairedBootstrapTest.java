package io.sedet.experiment;

import io.sedet.eval.box.Box;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedBootstrapTest {
    private static final int IMAGES = 60;
    private final List<ImageInfo> images = new ArrayList<>();
    private final List<GroundTruth> anns = new ArrayList<>();

    /** 60 images with 1-3 boxes each; a detector finds each box with probability {@code recall}. */
    private PairedBootstrapTest() {
        Random r = new Random(11);
        long id = 1;
        for (int i = 0; i < IMAGES; i++) {
            String img = "i" + i;
            images.add(new ImageInfo(img, img, 256, 256));
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                double x = r.nextDouble() * 180;
                double y = r.nextDouble() * 180;
                Box b = new Box(x, y, x + 40 + r.nextDouble() * 30, y + 40);
                anns.add(new GroundTruth(id++, img, 1, b, b.area(), false, false));
            }
        }
    }

    private CocoEvaluator detector(double recall, long seed) {
        Random r = new Random(seed);
        List<Detection> dets = new ArrayList<>();
        for (GroundTruth g : anns) {
            if (r.nextDouble() < recall) {
                dets.add(new Detection(g.imageId(), 1, g.box(), 0.5 + 0.5 * r.nextDouble()));
            }
            dets.add(new Detection(g.imageId(), 1, new Box(0, 0, 20, 20), 0.9 * r.nextDouble()));
        }
        Dataset gt = new Dataset(images, List.of(new Category(1, "box")), anns, false, null);
        CocoEvaluator e = new CocoEvaluator(gt, dets);
        e.evaluate();
        return e;
    }

    @Test
    void aDetectorAgainstItselfDiffersByExactlyNothing() {
        CocoEvaluator a = detector(0.7, 1);
        PairedBootstrap.Difference d = PairedBootstrap.of(a, a, IMAGES, List.of("AP50"), 200, 3).get("AP50");
        assertEquals(0.0, d.observed());
        assertEquals(0.0, d.low());
        assertEquals(0.0, d.high());
        assertEquals(1.0, d.shareNotAbove());
    }

    @Test
    void aClearlyBetterDetectorGetsAnIntervalAboveZeroAroundItsObservedGain() {
        CocoEvaluator good = detector(0.95, 1);
        CocoEvaluator poor = detector(0.45, 2);
        Map<String, PairedBootstrap.Difference> m = PairedBootstrap.of(good, poor, IMAGES, List.of("AP", "AP50"), 300, 5);
        PairedBootstrap.Difference d = m.get("AP50");
        assertEquals(good.accumulate().stats()[1] - poor.accumulate().stats()[1], d.observed(), 1e-12);
        assertTrue(d.observed() > 0.3, "observed " + d.observed());
        assertTrue(d.low() > 0 && d.low() < d.observed() && d.observed() < d.high(), d.toString());
        assertEquals(0.0, d.shareNotAbove());
        // the same seed draws the same images
        assertEquals(d, PairedBootstrap.of(good, poor, IMAGES, List.of("AP50"), 300, 5).get("AP50"));
        assertTrue(m.containsKey("AP"));
    }

    /**
     * Replicates accumulated once per detector pair up across pairs: replicate r of either is the
     * draw r of the seed, so a difference from stored replicates is the one drawn pair by pair.
     */
    @Test
    void storedReplicatesOfOneSeedPairLikeDrawsMadeForThePair() {
        CocoEvaluator good = detector(0.95, 1);
        CocoEvaluator poor = detector(0.45, 2);
        PairedBootstrap.Replicates g = PairedBootstrap.Replicates.of(good, IMAGES, 50, 9);
        PairedBootstrap.Replicates p = PairedBootstrap.Replicates.of(poor, IMAGES, 50, 9);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        int[] draw = new int[IMAGES];
        for (int r = 0; r < 50; r++) {
            for (int i = 0; i < IMAGES; i++) {
                draw[i] = rnd.nextInt(IMAGES);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(good.accumulate(draw).stats(), g.reps()[r], "replicate " + r);
        }
        assertEquals(PairedBootstrap.of(good, poor, IMAGES, List.of("AP50"), 50, 9), PairedBootstrap.of(g, p, List.of("AP50")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PairedBootstrap.of(g, PairedBootstrap.Replicates.of(poor, IMAGES, 40, 9), List.of("AP50")));
    }
}
