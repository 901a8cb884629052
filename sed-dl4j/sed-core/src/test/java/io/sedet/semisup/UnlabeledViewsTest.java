package io.sedet.semisup;

import io.sedet.backend.Compute;
import io.sedet.config.StrongAugment;
import io.sedet.data.AugmentConfig;
import io.sedet.data.ShapesDataset;
import io.sedet.kernels.image.ImageOps;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three views of an unlabeled image and the independence of their random streams. */
class UnlabeledViewsTest {
    private static final int H = 128;
    private static final ShapesDataset DATA = new ShapesDataset(2, ShapesDataset.Split.TRAIN, 10, H);
    private static final AugmentConfig GEOMETRY = new AugmentConfig(0.5, 0.2, 0.6, 1.0);

    private static UnlabeledViews views(StrongAugment strong, long seed) {
        return new UnlabeledViews(DATA, Compute.reference().images(), 3, H, H, GEOMETRY, strong, seed);
    }

    @Test
    void withoutStrongAugmentationTheStudentSeesTheTeachersView() {
        UnlabeledBatch u = views(StrongAugment.none(), 1).make(4);
        assertArrayEquals(u.weak(), u.strong());
    }

    /** u_s↓ is u_s resized by exactly 0.5 with the antialiased filter. */
    @Test
    void halfViewIsTheStrongViewAtHalfSize() {
        UnlabeledBatch u = views(StrongAugment.defaults(), 1).make(2);
        int plane = 3 * H * H;
        for (int b = 0; b < 3; b++) {
            float[] one = Arrays.copyOfRange(u.strong(), b * plane, (b + 1) * plane);
            float[] want = ImageOps.resize(one, 3, H, H, H / 2, H / 2);
            assertArrayEquals(want, Arrays.copyOfRange(u.half(), b * plane / 4, (b + 1) * plane / 4), 0f);
        }
    }

    /**
     * Geometry and photometric noise come from separate streams: changing the strong augmentation
     * changes u_s but neither u_w nor the image placement; the same (seed, iteration) gives the same
     * views; the strong view really differs from the weak one.
     */
    @Test
    void streamsAreIndependentAndDeterministic() {
        UnlabeledBatch a = views(StrongAugment.defaults(), 1).make(7);
        UnlabeledBatch b = views(new StrongAugment(0.1, 0, 0, 0.1, 0.1, 0, 1, 0, 0), 1).make(7);
        UnlabeledBatch again = views(StrongAugment.defaults(), 1).make(7);
        assertArrayEquals(a.weak(), b.weak());
        assertArrayEquals(a.imageW(), b.imageW());
        assertArrayEquals(a.imageH(), b.imageH());
        assertFalse(Arrays.equals(a.strong(), b.strong()));
        assertArrayEquals(a.strong(), again.strong());
        assertArrayEquals(a.half(), again.half());
        assertFalse(Arrays.equals(a.weak(), a.strong()));
        // the padding outside the image stays 0 in both views (cutout never reaches it either)
        int plane = H * H;
        for (int b2 = 0; b2 < 3; b2++) {
            if (a.imageW()[b2] < H) {
                int o = b2 * 3 * plane + (H - 1);
                assertEquals(0f, a.weak()[o]);
                assertEquals(0f, a.strong()[o]);
            }
        }
        // scale factors in [0.6, 1] do reach the canvas edge sometimes and stay within it always
        for (int w : a.imageW()) {
            assertTrue(w >= 0.6 * H - 1 && w <= H, "width " + w);
        }
    }

    /** Unlabeled slots follow their own epoch order, not the labeled slots'. */
    @Test
    void unlabeledOrderIsItsOwnStream() {
        UnlabeledViews v = views(StrongAugment.none(), 1);
        io.sedet.data.EpochOrder labeledOrder = new io.sedet.data.EpochOrder(DATA.size(), 3, 1);
        int same = 0;
        java.util.Set<Integer> epoch = new java.util.HashSet<>();
        for (long pos = 0; pos < 30; pos++) {
            int i = v.indexAt(pos / 3, (int) (pos % 3));
            same += i == labeledOrder.indexAt(pos / 3, (int) (pos % 3)) ? 1 : 0;
            if (pos < 10) {
                epoch.add(i);
            }
        }
        assertEquals(10, epoch.size(), "an epoch visits every unlabeled image once");
        assertTrue(same < 10, "the orders coincide in " + same + " of 30 slots");
    }
}
