package io.sedet.experiment;

import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paired bootstrap over test images of the difference of a COCO statistic between two
 * detectors evaluated on the same images: each replicate draws I images with replacement and
 * accumulates both detectors' matches over that same draw ({@link CocoEvaluator#accumulate(int[])}),
 * so the interval reflects which test images were drawn, not the training run (that spread is the
 * seeds', see {@link SeedStatistics}).
 */
public final class PairedBootstrap {
    /** Replicates per comparison: a percentile interval's ends settle to about ±0.1 AP at 1,000. */
    public static final int REPLICATES = 1000;

    /**
     * One statistic's difference a − b.
     *
     * @param observed   a − b on all test images
     * @param low        2.5th percentile of the replicates' a − b
     * @param high       97.5th percentile
     * @param shareNotAbove share of replicates with a − b ≤ 0 (a one-sided bootstrap p-value of "a > b")
     * @param replicates replicates drawn
     */
    public record Difference(double observed, double low, double high, double shareNotAbove, int replicates) {
    }

    private PairedBootstrap() {
    }

    /**
     * One detector's COCO statistics ({@link CocoEvalResult#STAT_NAMES}) on all images and on each
     * replicate's draw. The draws depend only on the seed and the number of images, so replicates
     * of the same seed pair up across detectors, and each detector is accumulated once however many
     * pairs it is in.
     *
     * @param all  the statistics on all images
     * @param reps {@code [replicates][statistics]}
     */
    public record Replicates(double[] all, double[][] reps) {
        /** {@code e}'s statistics on {@code replicates} draws of {@code images} images with replacement. */
        public static Replicates of(CocoEvaluator e, int images, int replicates, long seed) {
            if (replicates < 2) {
                throw new IllegalArgumentException("replicates must be >= 2, got " + replicates);
            }
            double[][] reps = new double[replicates][];
            SplittableRandom rnd = new SplittableRandom(seed);
            int[] draw = new int[images];
            for (int r = 0; r < replicates; r++) {
                for (int i = 0; i < images; i++) {
                    draw[i] = rnd.nextInt(images);
                }
                reps[r] = e.accumulate(draw).stats();
            }
            return new Replicates(e.accumulate().stats(), reps);
        }
    }

    /**
     * The differences a − b of the named statistics ({@link CocoEvalResult#STAT_NAMES}).
     *
     * @param a, b       evaluators after {@link CocoEvaluator#evaluate()}, on the same ground truth
     * @param images     number of ground-truth images I
     * @param seed       seed of the draws (the same seed gives the same draws for every pair)
     */
    public static Map<String, Difference> of(CocoEvaluator a, CocoEvaluator b, int images, List<String> stats,
                                             int replicates, long seed) {
        return of(Replicates.of(a, images, replicates, seed), Replicates.of(b, images, replicates, seed), stats);
    }

    /** The differences a − b of the named statistics from two detectors' replicates of the same draws. */
    public static Map<String, Difference> of(Replicates a, Replicates b, List<String> stats) {
        int replicates = a.reps().length;
        if (b.reps().length != replicates) {
            throw new IllegalArgumentException("paired replicates need the same draws: " + replicates + " vs " + b.reps().length);
        }
        int[] index = stats.stream().mapToInt(PairedBootstrap::statIndex).toArray();
        double[] all = diff(a.all(), b.all(), index);
        double[][] reps = new double[index.length][replicates];
        for (int r = 0; r < replicates; r++) {
            double[] d = diff(a.reps()[r], b.reps()[r], index);
            for (int s = 0; s < index.length; s++) {
                reps[s][r] = d[s];
            }
        }
        Map<String, Difference> out = new LinkedHashMap<>();
        for (int s = 0; s < index.length; s++) {
            double[] v = reps[s];
            long notAbove = Arrays.stream(v).filter(x -> x <= 0).count();
            Arrays.sort(v);
            out.put(stats.get(s), new Difference(all[s], percentile(v, 0.025), percentile(v, 0.975),
                    (double) notAbove / replicates, replicates));
        }
        return out;
    }

    private static double[] diff(double[] a, double[] b, int[] index) {
        double[] d = new double[index.length];
        for (int s = 0; s < index.length; s++) {
            d[s] = a[index[s]] - b[index[s]];
        }
        return d;
    }

    private static int statIndex(String name) {
        int i = CocoEvalResult.STAT_NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown COCO statistic '" + name + "'; known: " + CocoEvalResult.STAT_NAMES);
        }
        return i;
    }

    /** The p-quantile of sorted values, linearly interpolated (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
