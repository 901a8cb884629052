package io.sedet.eval.coco;

/**
 * Stable argsort by descending key — numpy's {@code np.argsort(-x, kind='mergesort')}. Keys are
 * compared with {@code <} and {@code >} only, so {@code -0.0 == 0.0} ties like in numpy.
 */
final class StableSort {
    private StableSort() {
    }

    /** Indices {@code 0..n-1} ordered by descending {@code keys[i]}, equal keys in index order. */
    static int[] argsortDescending(double[] keys, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n < 2) {
            return idx;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, keys);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] keys) {
        if (hi - lo <= 16) {
            // insertion sort, stable
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                double kv = keys[v];
                int j = i - 1;
                while (j >= lo && keys[a[j]] < kv) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, keys);
        mergeSort(a, tmp, mid, hi, keys);
        if (!(keys[a[mid - 1]] < keys[a[mid]])) {
            return; // already ordered
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i >= mid) {
                a[k] = tmp[j++];
            } else if (j >= hi) {
                a[k] = tmp[i++];
            } else if (keys[tmp[j]] > keys[tmp[i]]) {
                a[k] = tmp[j++];
            } else {
                a[k] = tmp[i++];
            }
        }
    }
}
