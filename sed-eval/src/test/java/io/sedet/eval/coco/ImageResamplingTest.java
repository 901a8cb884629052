package io.sedet.eval.coco;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link CocoEvaluator#accumulate(int[])} against the definition it claims: accumulating over a
 * multiset of images equals evaluating, from scratch, a dataset made of copies of those images.
 */
class ImageResamplingTest {
    private static final int IMAGES = 14;
    private static final int CATS = 3;

    private record Scene(Dataset gt, List<Detection> dets) {
    }

    /** Random boxes of all three COCO sizes, detections jittered from them plus false positives. */
    private static Scene scene(long seed) {
        Random r = new Random(seed);
        List<ImageInfo> images = new ArrayList<>();
        List<GroundTruth> anns = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < IMAGES; i++) {
            String img = String.format("img%03d", i);
            images.add(new ImageInfo(img, img + ".jpg", 640, 480));
            int n = r.nextInt(4);
            for (int k = 0; k < n; k++) {
                double w = 8 + r.nextDouble() * 200;
                double h = 8 + r.nextDouble() * 200;
                double x = r.nextDouble() * (640 - w);
                double y = r.nextDouble() * (480 - h);
                int cat = 1 + r.nextInt(CATS);
                Box b = new Box(x, y, x + w, y + h);
                anns.add(new GroundTruth(id++, img, cat, b, b.area(), false, false));
                if (r.nextDouble() < 0.8) {
                    double j = r.nextGaussian() * 0.1 * w;
                    // scores on a coarse grid so that ties between images occur
                    dets.add(new Detection(img, cat, new Box(x + j, y + j, x + w + j, y + h), r.nextInt(10) / 10.0));
                }
            }
            for (int k = r.nextInt(3); k > 0; k--) {
                double x = r.nextDouble() * 500;
                double y = r.nextDouble() * 400;
                dets.add(new Detection(img, 1 + r.nextInt(CATS), new Box(x, y, x + 60, y + 50), r.nextInt(10) / 10.0));
            }
        }
        List<Category> cats = List.of(new Category(1, "a"), new Category(2, "b"), new Category(3, "c"));
        return new Scene(new Dataset(images, cats, anns, false, null), dets);
    }

    /** The dataset whose j-th image is a copy of image {@code sample[j]}, under a new id. */
    private static Scene copies(Scene s, int[] sample) {
        List<ImageInfo> images = new ArrayList<>();
        List<GroundTruth> anns = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        long id = 1;
        for (int j = 0; j < sample.length; j++) {
            ImageInfo src = s.gt().images().get(sample[j]);
            String img = String.format("copy%03d", j);
            images.add(new ImageInfo(img, src.fileName(), src.width(), src.height()));
            for (GroundTruth g : s.gt().annotations()) {
                if (g.imageId().equals(src.id())) {
                    anns.add(new GroundTruth(id++, img, g.categoryId(), g.box(), g.area(), g.iscrowd(), g.difficult()));
                }
            }
            for (Detection d : s.dets()) {
                if (d.imageId().equals(src.id())) {
                    dets.add(new Detection(img, d.categoryId(), d.box(), d.score()));
                }
            }
        }
        return new Scene(new Dataset(images, s.gt().categories(), anns, false, null), dets);
    }

    @Test
    void aResampledMultisetEqualsEvaluatingCopiesOfItsImages() {
        Scene s = scene(3);
        CocoEvaluator e = new CocoEvaluator(s.gt(), s.dets());
        e.evaluate();
        Random r = new Random(7);
        for (int rep = 0; rep < 5; rep++) {
            int[] sample = r.ints(IMAGES, 0, IMAGES).toArray();
            Scene c = copies(s, sample);
            double[] expected = CocoEvaluator.evaluate(c.gt(), c.dets()).stats();
            assertArrayEquals(expected, e.accumulate(sample).stats(), 1e-12, "sample " + java.util.Arrays.toString(sample));
        }
    }

    @Test
    void theIdentityIsThePlainAccumulationAndOtherSamplesDiffer() {
        Scene s = scene(5);
        CocoEvaluator e = new CocoEvaluator(s.gt(), s.dets());
        e.evaluate();
        int[] all = java.util.stream.IntStream.range(0, IMAGES).toArray();
        assertArrayEquals(e.accumulate().stats(), e.accumulate(all).stats(), 0.0);
        int[] half = java.util.stream.IntStream.range(0, IMAGES / 2).toArray();
        assertNotEquals(e.accumulate().stats()[1], e.accumulate(half).stats()[1]);
        assertThrows(IllegalArgumentException.class, () -> e.accumulate(new int[] {IMAGES}));
    }
}
