/**
 * The SED paper's two diagnostics, on any trained model:
 * {@link io.sedet.analysis.ScaleConsistency} (Fig. 2b: distance of the class scores of
 * scale-equivalent anchor pairs, image vs. its 0.5× resize, binned, foreground vs. background),
 * {@link io.sedet.analysis.PseudoLabelQuality} (Fig. 2c: recall and precision of thresholded
 * predictions against the ground truth at IoU 0.1…0.9), and {@link io.sedet.analysis.ModelAnalysis}
 * that runs a model over a source for both — {@code sedet analyze scale|pseudo-labels}.
 */
package io.sedet.analysis;
