package io.sedet.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Array updates that write into their target and allocate nothing: the optimizer, the EMA of
 * the teacher and the BatchNorm running statistics run them on every parameter after every
 * step, where a temporary per parameter would be the size of the whole model per step.
 */
public final class InPlace {
    private InPlace() {
    }

    /** {@code y ← a·x + y} (BLAS axpy; x and y contiguous and of one length). */
    public static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }

    /** {@code average ← d·average + (1 − d)·value}: one step of an exponential moving average. */
    public static void blend(INDArray average, INDArray value, double d) {
        average.muli(d);
        axpy(1 - d, value, average);
    }
}
