package io.sedet.data;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.backend.Compute;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisedBatchesTest {
    private static SupervisedBatches batches(long seed) {
        ShapesDataset ds = new ShapesDataset(1, ShapesDataset.Split.TRAIN, 20, 128);
        TargetEncoder enc = new TargetEncoder(new AnchorGenerator(AnchorSpec.retinaNet()).all(128, 128), 5,
                Compute.reference().boxes());
        return new SupervisedBatches(ds, enc, Compute.reference().images(), 3, 128, 128, AugmentConfig.standard(), seed);
    }

    /** A batch is a function of (seed, iteration): resuming at t gives the same batch. */
    @Test
    void batchDependsOnlyOnSeedAndIteration() {
        SupervisedBatches a = batches(5);
        SupervisedBatches b = batches(5);
        a.make(0);
        a.make(1);
        TrainBatch x = a.make(9);
        TrainBatch y = b.make(9);
        assertArrayEquals(x.images(), y.images());
        assertArrayEquals(x.clsTarget(), y.clsTarget());
        assertArrayEquals(x.boxTarget(), y.boxTarget());
        assertEquals(x.numPositives(), y.numPositives());
        assertTrue(x.numPositives() > 0);
    }

    /** Each epoch visits every image once. */
    @Test
    void epochsArePermutations() {
        SupervisedBatches a = batches(1);
        Set<Integer> seen = new HashSet<>();
        for (long pos = 20; pos < 40; pos++) {
            seen.add(a.indexAt(pos / 3, (int) (pos % 3)));
        }
        assertEquals(20, seen.size());
    }

    @Test
    void flippedBoxesMirrorWithinTheImage() {
        float[] out = SupervisedBatches.transformBoxes(new float[] {10, 20, 30, 40}, 2f, 0.5f, true, 100);
        assertArrayEquals(new float[] {40, 10, 80, 20}, out);
    }
}
