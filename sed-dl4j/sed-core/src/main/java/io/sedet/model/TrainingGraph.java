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

    /**
     * Loss terms and gradients of one step; {@link #close()} gives the gradients' native memory
     * back to the graph's {@link ArrayPool} for the next step (they must not be used afterwards).
     */
    public record Result(Map<String, Double> losses, Map<String, INDArray> gradients, ArrayPool pool)
            implements AutoCloseable {
        @Override
        public void close() {
            gradients.values().forEach(pool::release);
        }
    }

    private static final double BN_MOMENTUM = 0.1;
    /** SameDiff's name for the function that computes the forward pass and the gradients. */
    private static final String GRADIENT_FUNCTION = "grad";

    private final SameDiff sd;
    private final DetectorParams params;
    private final List<String> trainable;
    private final Map<String, String> termReadouts = new LinkedHashMap<>(); // log name -> readout variable
    /** Per BatchNorm of the first pass: its running mean and variance, and the readouts of its batch statistics. */
    private final List<String[]> statReadouts = new ArrayList<>();         // {running mean, running var, mean, var}
    private final Map<String, String> gradientNames = new LinkedHashMap<>(); // parameter -> its gradient variable
    private final String[] requested;
    private final SameDiff gradFunction;
    private final ArrayPool pool = new ArrayPool();

    /**
     * @param params the student's parameters, shared by reference with every other graph built on
     *               them; missing entries are initialised from {@code seed}
     */
    public TrainingGraph(DetectorSpec spec, DetectorParams params, long seed, Objective objective) {
        this.sd = SameDiff.create();
        this.params = params;
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.TRAIN, DataType.FLOAT, seed);
        Map<String, SDVariable> terms = objective.build(sd, net);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an objective needs at least one loss term");
        }
        SDVariable total = null;
        for (Map.Entry<String, SDVariable> e : terms.entrySet()) {
            termReadouts.put(e.getKey(), readout(e.getValue()));
            total = total == null ? e.getValue() : total.add(e.getValue());
        }
        total.rename(LOSS);
        sd.setLossVariables(LOSS);
        for (RetinaNet.BatchStat s : net.batchStats().values()) {
            statReadouts.add(new String[] {s.runningMean(), s.runningVar(), readout(s.mean()), readout(s.var())});
        }
        // a parameter only the half view uses (P2) is outside graphs without that pass
        this.trainable = new ArrayList<>(params.trainable().keySet().stream()
                .filter(p -> !spec.frozen(p) && (sd.hasVariable(p) || !spec.halfViewOnly(p))).toList());
        // SameDiff M2.1 prints one "Added differentiated op ..." line per op to System.out while
        // it builds the gradient function; build it here with that stream muted.
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
        for (String p : trainable) {
            SDVariable g = sd.getVariable(p).getGradient();
            if (g == null) {
                throw new IllegalStateException("no gradient for parameter " + p + " (is it outside the loss?)");
            }
            gradientNames.put(p, g.name());
        }
        List<String> names = new ArrayList<>(termReadouts.values());
        statReadouts.forEach(r -> names.addAll(List.of(r[2], r[3])));
        names.addAll(gradientNames.values());
        this.requested = names.toArray(new String[0]);
        // run directly rather than through calculateGradients*, which turn array reuse off (ArrayPool)
        this.gradFunction = sd.getFunction(GRADIENT_FUNCTION);
    }

    /**
     * A copy of {@code v} that no op consumes, to be fetched after a step. SameDiff M2.1 with array
     * reuse on may hand an array that is both a requested output and an input of other ops back
     * for reuse once those ops have run (its dependency tracker keys such outputs twice), so the
     * caller would read an array that a later op has overwritten. Gradients of parameters are
     * consumed by nothing and are fetched directly.
     */
    private static String readout(SDVariable v) {
        return v.mul(1.0).name();
    }

    public DetectorParams params() {
        return params;
    }

    /**
     * Forward and backward with these placeholder values (the caller keeps ownership of them);
     * updates the BatchNorm running statistics. Every array of the step comes from and goes back
     * to the graph's {@link ArrayPool}.
     */
    public Result step(Map<String, INDArray> inputs) {
        pool.attach(gradFunction);
        return finish(gradFunction.output(inputs, requested));
    }

    /**
     * {@link #step} through SameDiff's own {@code calculateGradientsAndOutputs} (no reuse: every
     * array waits for the collector) — the reference the tests hold {@link #step} to.
     */
    Result referenceStep(Map<String, INDArray> inputs) {
        List<String> readouts = new ArrayList<>(termReadouts.values());
        statReadouts.forEach(r -> readouts.addAll(List.of(r[2], r[3])));
        OutAndGrad r = sd.calculateGradientsAndOutputs(inputs, readouts, trainable);
        Map<String, INDArray> all = new LinkedHashMap<>(r.getOutputs());
        gradientNames.forEach((p, g) -> all.put(g, r.getGradients().get(p)));
        return finish(all);
    }

    /** Running statistics, losses and gradients from the requested arrays of one step. */
    private Result finish(Map<String, INDArray> out) {
        try {
            for (String[] r : statReadouts) {
                InPlace.blend(params.get(r[0]), out.get(r[2]).reshape(-1), 1 - BN_MOMENTUM);
                InPlace.blend(params.get(r[1]), out.get(r[3]).reshape(-1), 1 - BN_MOMENTUM);
            }
            Map<String, Double> losses = new LinkedHashMap<>();
            termReadouts.forEach((log, v) -> losses.put(log, out.get(v).getDouble(0)));
            Map<String, INDArray> grads = new LinkedHashMap<>();
            gradientNames.forEach((p, g) -> grads.put(p, out.remove(g)));
            return new Result(losses, grads, pool);
        } finally {
            out.values().forEach(pool::release); // the readouts; the gradients are the caller's
        }
    }

    /** The pool of this graph's arrays (for tests and benchmarks: how much it holds and allocates). */
    public ArrayPool pool() {
        return pool;
    }
}
