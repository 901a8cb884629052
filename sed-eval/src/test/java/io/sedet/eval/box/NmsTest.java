package io.sedet.eval.box;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NmsTest {
    private static final Boxes THREE = Boxes.of(new float[] {
        0, 0, 10, 10,     // 0
        1, 1, 11, 11,     // 1: IoU with 0 = 81/119 = 0.68
        20, 20, 30, 30,   // 2: disjoint
    });

    @Test
    void suppressesOverlapsAboveThreshold() {
        assertArrayEquals(new int[] {0, 2}, Nms.nms(THREE, new float[] {0.9f, 0.8f, 0.7f}, 0.5));
        assertArrayEquals(new int[] {1, 2}, Nms.nms(THREE, new float[] {0.8f, 0.9f, 0.7f}, 0.5));
    }

    @Test
    void keepsOverlapAtOrBelowThreshold() {
        assertArrayEquals(new int[] {0, 1, 2}, Nms.nms(THREE, new float[] {0.9f, 0.8f, 0.7f}, 0.7));
    }

    @Test
    void iouEqualToThresholdIsKept() {
        Boxes half = Boxes.of(new float[] {0, 0, 10, 10, 0, 0, 10, 20});
        assertArrayEquals(new int[] {0, 1}, Nms.nms(half, new float[] {0.9f, 0.8f}, 0.5));
    }

    @Test
    void classesDoNotSuppressEachOther() {
        int[] keep = Nms.batched(THREE, new float[] {0.9f, 0.8f, 0.7f}, new int[] {0, 1, 0}, 0.5);
        assertArrayEquals(new int[] {0, 1, 2}, keep);
    }

    @Test
    void tiesKeepInputOrder() {
        assertArrayEquals(new int[] {0, 2}, Nms.nms(THREE, new float[] {0.5f, 0.5f, 0.5f}, 0.5));
    }

    @Test
    void nanScoresAreDropped() {
        assertArrayEquals(new int[] {1, 2}, Nms.nms(THREE, new float[] {Float.NaN, 0.8f, 0.7f}, 0.5));
    }

    @Test
    void emptyInput() {
        assertArrayEquals(new int[0], Nms.nms(Boxes.empty(), new float[0], 0.5));
    }

    @Test
    void mismatchedLengthsFail() {
        assertThrows(IllegalArgumentException.class, () -> Nms.nms(THREE, new float[2], 0.5));
    }
}
