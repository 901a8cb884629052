package io.sedet.semisup;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** F: the top ⌈f·M⌉ anchors per image by max_c q, exactly k of them, ties to the lower index. */
class ForegroundSelectionTest {

    @Test
    void takesTheLargestKPerRowAndBreaksTiesByIndex() {
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, ForegroundSelection.rowMask(new float[] {.1f, .9f, .2f, .5f, .3f}, 2));
        // three values tie for the second place: the first of them is taken
        assertArrayEquals(new float[] {1, 0, 1, 0, 0}, ForegroundSelection.rowMask(new float[] {.4f, .3f, .9f, .4f, .4f}, 2));
        // all equal (a teacher that sees nothing): still exactly k
        assertArrayEquals(new float[] {1, 1, 1, 0}, ForegroundSelection.rowMask(new float[] {0, 0, 0, 0}, 3));
        assertArrayEquals(new float[] {0, 0, 0}, ForegroundSelection.rowMask(new float[] {.1f, .2f, .3f}, 0));
        assertArrayEquals(new float[] {1, 1, 1}, ForegroundSelection.rowMask(new float[] {.1f, .2f, .3f}, 3));
    }

    @Test
    void kIsTheCeilingOfTheFraction() {
        ForegroundSelection s = new ForegroundSelection(0.01);
        assertEquals(123, s.selected(12276));                   // a 256² canvas's anchors
        assertEquals(1, s.selected(5));
        assertEquals(10, new ForegroundSelection(0.1).selected(100)); // exact: no rounding up past k
        assertEquals(7, new ForegroundSelection(1.0).selected(7));
        assertThrows(IllegalArgumentException.class, () -> new ForegroundSelection(0));
        assertThrows(IllegalArgumentException.class, () -> new ForegroundSelection(1.5));
    }

    @Test
    void masksARangeOfEachImageByItsBestClass() {
        // q [U=2, N=4, C=2]; the range is anchors 1..3 (M = 3), k = ⌈0.5·3⌉ = 2
        INDArray q = Nd4j.createFromArray(new float[][][] {
                {{.9f, .0f}, {.1f, .2f}, {.0f, .7f}, {.3f, .3f}},
                {{.0f, .0f}, {.8f, .1f}, {.2f, .1f}, {.1f, .6f}}});
        INDArray m = new ForegroundSelection(0.5).mask(q.max(2), 1, 3);
        assertArrayEquals(new long[] {2, 3}, m.shape());
        assertArrayEquals(new float[][] {{0, 1, 1}, {1, 0, 1}}, m.toFloatMatrix());
    }
}
