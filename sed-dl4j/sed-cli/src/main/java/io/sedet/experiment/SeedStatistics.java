package io.sedet.experiment;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/**
 * Mean, spread and a 95% Student-t interval of one number over training seeds — the spread that
 * comes from the run (initialisation, labeled split, augmentation), where {@link PairedBootstrap}
 * gives the spread from the test images. Applied to per-seed paired differences (SED − baseline
 * on the same seed) it is the paired t-interval.
 *
 * @param n    seeds
 * @param mean mean over seeds
 * @param std  sample standard deviation (n − 1); NaN for one seed
 * @param low  mean − t(0.975, n − 1)·std/√n; NaN for one seed
 * @param high mean + t(0.975, n − 1)·std/√n; NaN for one seed
 */
public record SeedStatistics(int n, double mean, double std, double low, double high) {

    public static SeedStatistics of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new SeedStatistics(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
        return new SeedStatistics(n, mean, std, mean - half, mean + half);
    }

    /** The values a − b seed by seed (same length, same seed order). */
    public static List<Double> paired(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired values need the same seeds: " + a.size() + " vs " + b.size());
        }
        return java.util.stream.IntStream.range(0, a.size()).mapToObj(i -> a.get(i) - b.get(i)).toList();
    }
}
