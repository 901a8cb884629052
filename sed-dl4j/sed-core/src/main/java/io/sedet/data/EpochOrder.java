package io.sedet.data;

import java.util.SplittableRandom;

/**
 * Which image of a set of {@code n} fills slot b of iteration t, for {@code perStep} slots per
 * iteration: epoch e visits the images in a permutation drawn from (seed, e), so every image is
 * seen once per epoch and the order depends on nothing but the seed and the position.
 */
public final class EpochOrder {
    private final int n;
    private final int perStep;
    private final long seed;
    private int[] cachedPerm;
    private long cachedEpoch = -1;

    public EpochOrder(int n, int perStep, long seed) {
        if (n < 1 || perStep < 1) {
            throw new IllegalArgumentException("an epoch order needs images and slots, got " + n + " and " + perStep);
        }
        this.n = n;
        this.perStep = perStep;
        this.seed = seed;
    }

    /** Index (in [0, n)) of slot b of iteration t. */
    public int indexAt(long iteration, int b) {
        long pos = iteration * perStep + b;
        return permutation(pos / n)[(int) (pos % n)];
    }

    private synchronized int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            SplittableRandom r = new SplittableRandom(seed * 31 + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            cachedPerm = p;
            cachedEpoch = epoch;
        }
        return cachedPerm;
    }
}
