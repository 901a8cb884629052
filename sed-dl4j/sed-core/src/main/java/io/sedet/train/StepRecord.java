package io.sedet.train;

import java.util.Map;

/**
 * What one step produced, for the hooks.
 *
 * @param iteration     the step's iteration (0-based)
 * @param losses        loss terms by name as they enter the total ("loss_cls", "loss_box", "same_cls", "scale_box", "pseudo_cls", ...)
 * @param stats         diagnostics that are not losses ("pseudo_boxes_per_image", ...)
 * @param lr            learning rate used
 * @param gradNorm      global gradient norm before clipping
 * @param seconds       wall time of the step, batch wait included
 * @param images        images the step looked at (labeled and unlabeled views)
 */
public record StepRecord(long iteration, Map<String, Double> losses, Map<String, Double> stats, double lr,
                         double gradNorm, double seconds, int images) {
}
