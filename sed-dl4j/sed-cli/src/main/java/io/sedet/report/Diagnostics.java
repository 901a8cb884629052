package io.sedet.report;

import io.sedet.analysis.PseudoLabelQuality;
import io.sedet.analysis.ScaleConsistency;

import java.util.List;

/**
 * The SED paper's two diagnostics of one run's model, for the report.
 *
 * @param scale     score consistency across scales (Fig. 2b)
 * @param threshold the pseudo-label threshold of {@code pseudo}
 * @param pseudo    recall and precision of thresholded predictions per IoU level (Fig. 2c)
 */
public record Diagnostics(ScaleConsistency.Result scale, double threshold, List<PseudoLabelQuality.Row> pseudo) {
}
