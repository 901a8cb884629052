package io.sedet.config;

import java.util.List;

/**
 * Learning-rate schedule: linear warm-up from {@code warmupFactor·lr} over {@code warmupIters},
 * then constant, step decay (×{@code gamma} at each of {@code steps}) or cosine decay to 0 at
 * {@code totalIters}.
 */
public record ScheduleConfig(Kind kind, long warmupIters, double warmupFactor, List<Long> steps, double gamma) {
    public enum Kind { CONSTANT, STEP, COSINE }

    public ScheduleConfig {
        steps = List.copyOf(steps);
    }

    /** The multiplier of the base rate at iteration t (0-based) of a run of {@code total} iterations. */
    public double factor(long t, long total) {
        double f = switch (kind) {
            case CONSTANT -> 1.0;
            case STEP -> {
                double v = 1.0;
                for (long s : steps) {
                    if (t >= s) {
                        v *= gamma;
                    }
                }
                yield v;
            }
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) t / Math.max(1, total))));
        };
        if (t < warmupIters) {
            double a = (double) t / warmupIters;
            f *= warmupFactor * (1 - a) + a;
        }
        return f;
    }
}
