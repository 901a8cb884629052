package io.sedet.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapesDatasetTest {
    @Test
    void deterministicPerIndexAndSplit() {
        ShapesDataset a = new ShapesDataset(7, ShapesDataset.Split.TRAIN, 50, 256);
        ShapesDataset b = new ShapesDataset(7, ShapesDataset.Split.TRAIN, 50, 256);
        Sample s1 = a.get(13);
        a.get(3); // order of access does not matter
        Sample s2 = b.get(13);
        assertArrayEquals(s1.boxes(), s2.boxes());
        assertArrayEquals(s1.labels(), s2.labels());
        assertEquals(s1.image().getRGB(100, 100), s2.image().getRGB(100, 100));
        Sample v = new ShapesDataset(7, ShapesDataset.Split.VAL, 50, 256).get(13);
        assertNotEquals(java.util.Arrays.toString(s1.boxes()), java.util.Arrays.toString(v.boxes()), "splits differ");
    }

    /** Over many images: every class, sizes over a 16x range, boxes inside the image, overlaps bounded. */
    @Test
    void statistics() {
        ShapesDataset d = new ShapesDataset(1, ShapesDataset.Split.TRAIN, 300, 256);
        Set<Integer> classes = new HashSet<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        int objects = 0;
        for (int i = 0; i < d.size(); i++) {
            Sample s = d.get(i);
            assertTrue(s.numObjects() >= 1 && s.numObjects() <= 6, "objects per image");
            float[] b = s.boxes();
            for (int k = 0; k < s.numObjects(); k++) {
                classes.add(s.labels()[k]);
                assertTrue(b[4 * k] >= 0 && b[4 * k + 1] >= 0 && b[4 * k + 2] <= 256 && b[4 * k + 3] <= 256);
                double side = Math.sqrt((b[4 * k + 2] - b[4 * k]) * (b[4 * k + 3] - b[4 * k + 1]));
                min = Math.min(min, side);
                max = Math.max(max, side);
                objects++;
            }
        }
        assertEquals(5, classes.size());
        assertTrue(max / min >= 16, "object sizes span " + min + " .. " + max);
        assertTrue(objects > 600, "objects: " + objects);
    }
}
