package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training graph of one detector (the student): an {@link Objective} adds its inputs, one or
 * more passes of the {@link RetinaNet} (TRAIN mode, batch statistics, shared weights) and named
 * scalar loss terms; the graph minimises their sum. {@link #step} computes the terms, the gradient
 * of the total for every trainable parameter, and updates the BatchNorm running statistics
 * (momentum 0.1) from the batch statistics of the first pass. The supervised objective is
 * {@code io.sedet.loss.SupervisedObjective}; the semi-supervised ones live in {@code io.sedet.semisup}.
 */
public final class TrainingGraph {
    /** Name of the minimised total. */
    public static final String LOSS = "loss";

    /** What a graph minimises: adds placeholders and passes, returns the loss terms by name. */
    @FunctionalInterface
    public interface Objective {
        /** @return scalar terms whose sum is minimised, by the name they are logged under */
        Map<String, SDVariable> build(SameDiff sd, RetinaNet net);
    }

    /** Loss terms and gradients of one step; {@link #close()} frees the gradients' native memory. */
    public record Result(Map<String, Double> losses, Map<String, INDArray> gradients) implements AutoCloseable {
        @Override
        public void close() {
            gradients.values().forEach(INDArray::close);
        }
    }

    private static final double BN_MOMENTUM = 0.1;

    private final SameDiff sd;
    private final DetectorParams params;
    private final RetinaNet net;
    private final List<String> trainable;
    private final Map<String, String> termVariables = new LinkedHashMap<>(); // log name -> graph variable

    /**
     * @param params the student's parameters, shared by reference with every other graph built on
     *               them; missing entries are initialised from {@code seed}
     */
    public TrainingGraph(DetectorSpec spec, DetectorParams params, long seed, Objective objective) {
        this.sd = SameDiff.create();
        this.params = params;
        this.net = new RetinaNet(sd, spec, params, RetinaNet.Mode.TRAIN, DataType.FLOAT, seed);
        Map<String, SDVariable> terms = objective.build(sd, net);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an objective needs at least one loss term");
        }
        SDVariable total = null;
        for (Map.Entry<String, SDVariable> e : terms.entrySet()) {
            termVariables.put(e.getKey(), e.getValue().name());
            total = total == null ? e.getValue() : total.add(e.getValue());
        }
        total.rename(LOSS);
        sd.setLossVariables(LOSS);
        this.trainable = new ArrayList<>(params.trainable().keySet());
        // SameDiff M2.1 prints one "Added differentiated op ..." line per op to System.out while
        // it builds the gradient function; build it here with that stream muted.
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    public DetectorParams params() {
        return params;
    }

    /**
     * Forward and backward with these placeholder values (the caller keeps ownership of them);
     * updates the BatchNorm running statistics.
     */
    public Result step(Map<String, INDArray> inputs) {
        List<String> outputs = new ArrayList<>(termVariables.values());
        Map<String, RetinaNet.BatchStat> stats = net.batchStats();
        for (RetinaNet.BatchStat s : stats.values()) {
            outputs.add(s.mean().name());
            outputs.add(s.var().name());
        }
        OutAndGrad r = sd.calculateGradientsAndOutputs(inputs, outputs, trainable);
        Map<String, INDArray> out = r.getOutputs();
        for (RetinaNet.BatchStat s : stats.values()) {
            INDArray mean = out.get(s.mean().name()).reshape(-1);
            INDArray var = out.get(s.var().name()).reshape(-1);
            params.get(s.runningMean()).muli(1 - BN_MOMENTUM).addi(mean.mul(BN_MOMENTUM));
            params.get(s.runningVar()).muli(1 - BN_MOMENTUM).addi(var.mul(BN_MOMENTUM));
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        termVariables.forEach((log, v) -> losses.put(log, out.get(v).getDouble(0)));
        // native memory is freed now rather than whenever the Java GC gets to these objects
        out.values().forEach(INDArray::close);
        Map<String, INDArray> grads = new LinkedHashMap<>(r.getGradients());
        for (String p : trainable) {
            if (!grads.containsKey(p)) {
                throw new IllegalStateException("no gradient for parameter " + p + " (is it outside the loss?)");
            }
        }
        return new Result(losses, grads);
    }
}
