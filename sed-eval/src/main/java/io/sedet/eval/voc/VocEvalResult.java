package io.sedet.eval.voc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Result of {@link VocEvaluator}.
 *
 * @param metric   how AP was integrated
 * @param perClass AP per class name in class-list order; NaN for a class with no non-difficult
 *                 ground truth (AP undefined)
 * @param mAP      mean of the defined per-class APs; NaN when none is defined
 */
public record VocEvalResult(VocMetric metric, Map<String, Double> perClass, double mAP) {
    /**
     * Every number by the name a quality bound uses: {@code mAP}, then {@code AP/<class>} in
     * class-list order (NaN where undefined).
     */
    public Map<String, Double> metricsMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mAP", mAP);
        perClass.forEach((k, v) -> m.put("AP/" + k, v));
        return m;
    }

    /** The names {@link #metricsMap} has for a class list, known before anything is evaluated. */
    public static java.util.List<String> metricNames(java.util.List<String> classes) {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("mAP"));
        classes.forEach(k -> names.add("AP/" + k));
        return names;
    }
}
