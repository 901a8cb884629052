package io.sedet.eval.box;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,        a (x1 y1 x2 y2),  b (x1 y1 x2 y2),  iou
        "identical,     0,0,10,10,        0,0,10,10,        1.0",
        "offset,        0,0,10,10,        5,0,15,10,        0.3333333333333333",
        "disjoint,      0,0,10,10,        20,20,30,30,      0.0",
        "touching edge, 0,0,10,10,        10,0,20,10,       0.0",
        "touching corner,0,0,10,10,       10,10,20,20,      0.0",
        "contained,     0,0,10,10,        2,2,7,7,          0.25",
        "half,          0,0,10,10,        0,0,10,20,        0.5",
        "zero area,     5,5,5,5,          0,0,10,10,        0.0",
        "both zero,     5,5,5,5,          5,5,5,5,          0.0",
        "inverted,      10,10,0,0,        0,0,10,10,        0.0",
        "line,          0,5,10,5,         0,0,10,10,        0.0",
    })
    void iouTable(String name, double ax1, double ay1, double ax2, double ay2,
                  double bx1, double by1, double bx2, double by2, double expected) {
        Box a = new Box(ax1, ay1, ax2, ay2);
        Box b = new Box(bx1, by1, bx2, by2);
        assertEquals(expected, a.iou(b), 1e-12, name);
        assertEquals(expected, b.iou(a), 1e-12, name + " (symmetric)");
    }

    @Test
    void iouWithNanIsZero() {
        assertEquals(0.0, new Box(Double.NaN, 0, 10, 10).iou(new Box(0, 0, 10, 10)));
    }

    @Test
    void conversionsRoundTrip() {
        Box b = Box.fromXywh(3, 4, 10, 20);
        assertEquals(new Box(3, 4, 13, 24), b);
        assertArrayEquals(new double[] {3, 4, 10, 20}, b.toXywh());
        assertEquals(b, Box.fromCxcywh(8, 14, 10, 20));
        assertEquals(200.0, b.area());
        assertEquals(0.0, new Box(5, 5, 1, 1).area(), "inverted box has no area");
    }

    @Test
    void validity() {
        assertTrue(new Box(0, 0, 0, 0).isValid());
        assertFalse(new Box(1, 0, 0, 5).isValid());
        assertFalse(new Box(0, 0, Double.POSITIVE_INFINITY, 5).isValid());
    }

    @Test
    void clipAndScale() {
        assertEquals(new Box(0, 0, 100, 50), new Box(-5, -1, 120, 50).clip(100, 80));
        assertEquals(new Box(1, 2, 3, 4), new Box(2, 4, 6, 8).scale(0.5));
    }

    @Test
    void batchedIouMatrixMatchesPairwise() {
        Boxes a = Boxes.of(new float[] {0, 0, 10, 10, 5, 5, 15, 15});
        Boxes b = Boxes.of(new float[] {0, 0, 10, 10, 20, 20, 30, 30, 5, 0, 15, 10});
        float[] m = a.iouMatrix(b);
        assertEquals(6, m.length);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                assertEquals((float) a.get(i).iou(b.get(j)), m[i * 3 + j], 1e-7f);
            }
        }
        assertEquals(1f, m[0]);
        assertEquals(0f, m[1]);
        assertEquals(0, Boxes.empty().iouMatrix(b).length);
    }

    @Test
    void boxesRejectsRaggedArrays() {
        assertThrows(IllegalArgumentException.class, () -> Boxes.of(new float[5]));
    }

    @Test
    void boxesClipReturnsNewObject() {
        Boxes b = Boxes.of(new float[] {-1, -2, 50, 60});
        Boxes c = b.clip(40, 30);
        assertArrayEquals(new float[] {0, 0, 40, 30}, c.toArray());
        assertArrayEquals(new float[] {-1, -2, 50, 60}, b.toArray());
    }
}
