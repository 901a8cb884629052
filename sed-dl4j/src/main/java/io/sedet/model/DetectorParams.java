package io.sedet.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one detector: trainable parameters and BatchNorm running statistics, by name.
 * A student and its EMA teacher are two instances with the same names.
 */
public final class DetectorParams {
    private final Map<String, INDArray> trainable = new LinkedHashMap<>();
    private final Map<String, INDArray> running = new LinkedHashMap<>();

    /** Trainable parameters in creation order (name → array). */
    public Map<String, INDArray> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    /** BatchNorm running means and variances (name → {@code [C]}). */
    public Map<String, INDArray> running() {
        return Collections.unmodifiableMap(running);
    }

    public boolean has(String name) {
        return trainable.containsKey(name) || running.containsKey(name);
    }

    public INDArray get(String name) {
        INDArray a = trainable.get(name);
        return a != null ? a : running.get(name);
    }

    void putTrainable(String name, INDArray value) {
        trainable.put(name, value);
    }

    void putRunning(String name, INDArray value) {
        running.put(name, value);
    }

    /** Replaces the value of an existing entry (shape must match). */
    public void set(String name, INDArray value) {
        Map<String, INDArray> m = trainable.containsKey(name) ? trainable : running;
        INDArray old = m.get(name);
        if (old == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        if (!java.util.Arrays.equals(old.shape(), value.shape())) {
            throw new IllegalArgumentException("parameter " + name + " has shape "
                    + java.util.Arrays.toString(old.shape()) + ", got " + java.util.Arrays.toString(value.shape()));
        }
        old.assign(value);
    }

    /** A deep copy (for the teacher). */
    public DetectorParams copy() {
        DetectorParams c = new DetectorParams();
        trainable.forEach((k, v) -> c.trainable.put(k, v.dup()));
        running.forEach((k, v) -> c.running.put(k, v.dup()));
        return c;
    }

    /** Number of trainable scalars. */
    public long numParameters() {
        return trainable.values().stream().mapToLong(INDArray::length).sum();
    }
}
