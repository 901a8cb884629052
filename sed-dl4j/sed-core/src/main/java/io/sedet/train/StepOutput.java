package io.sedet.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What one forward and backward produced: named loss terms as they enter the total (weights such
 * as λ_u already applied, so {@link #loss()} is their sum), diagnostics that are not losses
 * (e.g. pseudo-boxes per image), the gradient of the total for every trainable parameter, and
 * the number of images the step looked at. {@link #close()} gives the gradients' native memory back.
 */
public record StepOutput(Map<String, Double> losses, Map<String, Double> stats, Map<String, INDArray> gradients,
                         int images, Runnable release) implements AutoCloseable {

    /**
     * @param release gives the gradients' native memory back (to the graph's pool, or closes
     *                them); run once by {@link #close()}
     */
    public StepOutput {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses));
        stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
    }

    /** Gradients owned by this output: {@link #close()} closes them. */
    public StepOutput(Map<String, Double> losses, Map<String, Double> stats, Map<String, INDArray> gradients,
                      int images) {
        this(losses, stats, gradients, images, () -> gradients.values().forEach(INDArray::close));
    }

    /** The minimised total: the sum of the terms. */
    public double loss() {
        return losses.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public void close() {
        release.run();
    }
}
