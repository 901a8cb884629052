package io.sedet.train;

import java.util.Map;

/** A loss term became NaN or infinite; training stops and the last checkpoint is kept. */
public final class NonFiniteLossException extends RuntimeException {
    public NonFiniteLossException(long iteration, Map<String, Double> losses) {
        super("non-finite loss at iteration " + iteration + ": " + losses
                + " (the last checkpoint is kept; lower the learning rate or set optimizer.gradClipNorm)");
    }
}
