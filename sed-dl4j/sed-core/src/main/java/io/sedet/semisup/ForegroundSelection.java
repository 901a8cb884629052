package io.sedet.semisup;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The foreground selection F of {@link AnchorSet#FOREGROUND}: per image, the k = ⌈f·M⌉ anchors of a
 * paired range with the largest teacher confidence max_c q (ties go to the lower anchor index, so
 * exactly k are chosen). It depends on the teacher's outputs alone, so it is computed on the host
 * and enters the student's graph as a constant 0/1 mask {@code [U, M]} — no gradient, like q.
 * Ranking by max_c q serves soft and hard targets alike (1[q ≥ τ] is monotone in q).
 */
public final class ForegroundSelection {
    private final double fraction;

    /** @param fraction f in (0, 1] */
    public ForegroundSelection(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("foreground fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    /** k for a range of {@code count} anchors. */
    public int selected(int count) {
        return Math.min(count, (int) Math.ceil(fraction * count - 1e-9));
    }

    /**
     * @param w     teacher confidences max_c q {@code [U, N]} (the caller's, computed once for every range)
     * @param start first anchor of the range
     * @param count M, anchors in the range
     * @return the mask {@code [U, M]} (float), 1 on F
     */
    public INDArray mask(INDArray w, int start, int count) {
        float[][] conf = w.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + count)).toFloatMatrix();
        float[][] out = new float[conf.length][];
        int k = selected(count);
        for (int u = 0; u < conf.length; u++) {
            out[u] = rowMask(conf[u], k);
        }
        return Nd4j.create(out);
    }

    /** 1 on the k largest values of {@code v} (ties: lower index first), 0 elsewhere. */
    static float[] rowMask(float[] v, int k) {
        float[] m = new float[v.length];
        if (k <= 0) {
            return m;
        }
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        float kth = sorted[v.length - k];
        int above = 0;
        for (float x : v) {
            if (x > kth) {
                above++;
            }
        }
        int ties = k - above;                        // of the values equal to kth, the first `ties` are taken
        for (int i = 0; i < v.length; i++) {
            if (v[i] > kth) {
                m[i] = 1f;
            } else if (v[i] == kth && ties > 0) {
                m[i] = 1f;
                ties--;
            }
        }
        return m;
    }
}
