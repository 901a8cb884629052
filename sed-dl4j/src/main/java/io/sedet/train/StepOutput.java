package io.sedet.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What one forward and backward produced: named loss terms as they enter the total (weights such
 * as λ_u already applied, so {@link #loss()} is their sum), diagnostics that are not losses
 * (e.g. pseudo-boxes per image), the gradient of the total for every trainable parameter, and
 * the number of images the step looked at. {@link #close()} frees the gradients' native memory.
 */
public record StepOutput(Map<String, Double> losses, Map<String, Double> stats, Map<String, INDArray> gradients,
                         int images) implements AutoCloseable {

    public StepOutput {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses));
        stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
    }

    /** The minimised total: the sum of the terms. */
    public double loss() {
        return losses.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public void close() {
        gradients.values().forEach(INDArray::close);
    }
}
