package io.sedet.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reuse by type, shape and order; refusals that keep one array from reaching two owners. */
class ArrayPoolTest {
    @Test
    void aGivenBackArrayIsReusedForTheSameTypeAndShapeOnly() {
        ArrayPool pool = new ArrayPool(1L << 30);
        INDArray a = pool.allocate(false, DataType.FLOAT, 2, 3);
        pool.release(a);
        assertEquals(24, pool.freeBytes());
        assertNotSame(a, pool.allocate(false, DataType.FLOAT, 3, 2), "another shape");
        assertNotSame(a, pool.allocate(false, DataType.DOUBLE, 2, 3), "another type");
        INDArray b = pool.allocate(false, DataType.FLOAT, 2, 3);
        assertSame(a, b);
        assertEquals(0, pool.freeBytes());
        assertEquals(new ArrayPool.Stats(3, 24 + 24 + 48, 1), pool.stats(), "three new arrays, one reuse");
    }

    @Test
    void anArrayGivenBackTwiceIsRefused() {
        ArrayPool pool = new ArrayPool(1L << 30);
        INDArray a = pool.allocate(false, DataType.FLOAT, 4);
        pool.release(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(a));
        assertTrue(e.getMessage().contains("given back twice"), e.getMessage());
    }

    @Test
    void viewsAreNotKept() {
        ArrayPool pool = new ArrayPool(1L << 30);
        INDArray a = pool.allocate(false, DataType.FLOAT, 4, 4);
        INDArray row = a.get(NDArrayIndex.point(1), NDArrayIndex.all());
        pool.release(row);
        assertEquals(0, pool.freeBytes());
        assertNotSame(row, pool.allocate(false, DataType.FLOAT, 4));
    }

    @Test
    void arraysBeyondTheBoundAreClosedNotKept() {
        ArrayPool pool = new ArrayPool(100);
        INDArray small = pool.allocate(false, DataType.FLOAT, 20);  // 80 bytes
        INDArray large = pool.allocate(false, DataType.FLOAT, 10);  // 40 more would pass 100
        pool.release(small);
        pool.release(large);
        assertEquals(80, pool.freeBytes());
        assertTrue(large.wasClosed());
        assertSame(small, pool.allocate(false, DataType.FLOAT, 20));
    }
}
