package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
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

    /**
     * The freshly initialised parameters of a detector of this shape on an H×W canvas — the
     * reference a loaded checkpoint is checked against with {@link #mismatch}.
     */
    public static DetectorParams initial(DetectorSpec spec, int height, int width) {
        return initial(spec, height, width, 0);
    }

    /**
     * The parameters a training graph built with this {@code seed} would start from (the same draws
     * in the same order), so training can begin from them.
     */
    public static DetectorParams initial(DetectorSpec spec, int height, int width, long seed) {
        DetectorParams p = new DetectorParams();
        org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
        RetinaNet net = new RetinaNet(sd, spec, p, RetinaNet.Mode.INFER, org.nd4j.linalg.api.buffer.DataType.FLOAT, seed);
        SDVariable images = sd.placeHolder(InferenceGraph.IMAGES, org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, 3, height,
                width);
        net.forward(images, height, width);
        if (spec.p2()) {
            // the half view's P2, drawn after the rest: no other initial weight changes
            net.forward(images, height, width, 2, spec.anchors().maxLevel());
        }
        return p;
    }

    /** Parameters read from a checkpoint. */
    public static DetectorParams of(Map<String, INDArray> trainable, Map<String, INDArray> running) {
        DetectorParams p = new DetectorParams();
        p.trainable.putAll(trainable);
        p.running.putAll(running);
        return p;
    }

    /**
     * Checks that this holds exactly the entries (names and shapes) of {@code reference}, a freshly
     * built detector of the expected shape; the message lists what is missing, unexpected or
     * of another shape.
     */
    public java.util.Optional<String> mismatch(DetectorParams reference) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        Map<String, INDArray> mine = new LinkedHashMap<>(trainable);
        mine.putAll(running);
        Map<String, INDArray> ref = new LinkedHashMap<>(reference.trainable);
        ref.putAll(reference.running);
        java.util.List<String> missing = ref.keySet().stream().filter(k -> !mine.containsKey(k)).toList();
        java.util.List<String> unexpected = mine.keySet().stream().filter(k -> !ref.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing " + missing.size() + " (" + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + ")");
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected.size() + " ("
                    + String.join(", ", unexpected.subList(0, Math.min(5, unexpected.size()))) + ")");
        }
        for (Map.Entry<String, INDArray> e : ref.entrySet()) {
            INDArray m = mine.get(e.getKey());
            if (m != null && !java.util.Arrays.equals(m.shape(), e.getValue().shape())) {
                problems.add(e.getKey() + " has shape " + java.util.Arrays.toString(m.shape()) + ", expected "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
        }
        return problems.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", problems));
    }

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
