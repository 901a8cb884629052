package io.sedet.train;

import java.util.Map;

/**
 * What one step produced.
 *
 * @param iteration     the step's iteration (0-based)
 * @param losses        loss terms by name ("loss_cls", "loss_box", ...)
 * @param lr            learning rate used
 * @param gradNorm      global gradient norm before clipping
 * @param seconds       wall time of the step, batch wait included
 * @param images        images in the batch
 */
public record StepRecord(long iteration, Map<String, Double> losses, double lr, double gradNorm, double seconds,
                         int images) {

    public double totalLoss() {
        return losses.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
