package io.sedet.eval.voc;

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
}
