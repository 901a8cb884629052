package io.sedet.train;

import java.util.Map;

/**
 * Training diverged: a loss term, the gradient norm or a parameter became NaN or infinite. The
 * update was not applied (or the parameters not saved), training stops and the last checkpoint,
 * which holds finite parameters only, is kept.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final String ADVICE = " (the last checkpoint is kept; lower the learning rate or set optimizer.gradClipNorm)";

    /** A loss term is not finite. */
    public NonFiniteLossException(long iteration, Map<String, Double> losses) {
        super("non-finite loss at iteration " + iteration + ": " + losses + ADVICE);
    }

    /** The gradients or the parameters are not finite; {@code what} says which. */
    public NonFiniteLossException(long iteration, String what) {
        super("diverged at iteration " + iteration + ": " + what + ADVICE);
    }
}
