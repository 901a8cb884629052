package io.sedet.train;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.ModelEma;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The state hooks see: what is trained, where to, and how far it is. */
public final class TrainState {
    private final TrainConfig config;
    private final DetectorSpec spec;
    private final DetectorParams params;
    private final Optimizer optimizer;
    private final List<String> classNames;
    private final Path outDir;
    private final ModelEma ema;
    private long iteration;

    /** @param ema the model EMA, or null */
    public TrainState(TrainConfig config, DetectorSpec spec, DetectorParams params, Optimizer optimizer,
                      List<String> classNames, Path outDir, long startIteration, ModelEma ema) {
        this.ema = ema;
        this.config = config;
        this.spec = spec;
        this.params = params;
        this.optimizer = optimizer;
        this.classNames = List.copyOf(classNames);
        this.outDir = outDir;
        this.iteration = startIteration;
    }

    public TrainConfig config() {
        return config;
    }

    public DetectorSpec spec() {
        return spec;
    }

    public DetectorParams params() {
        return params;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public List<String> classNames() {
        return classNames;
    }

    public Path outDir() {
        return outDir;
    }

    /** Iterations completed so far (the next step's 0-based index). */
    public long iteration() {
        return iteration;
    }

    void advance() {
        iteration++;
    }

    /** The model EMA, or null when training keeps none. */
    public ModelEma ema() {
        return ema;
    }

    /** The parameters to evaluate and to ship: the EMA's when there is one. */
    public DetectorParams evaluatedParams() {
        return ema != null ? ema.params() : params;
    }

    /** The checkpoint content of the current state (everything needed to resume). */
    public Checkpoint.Content checkpoint() {
        return new Checkpoint.Content(iteration, classNames, config, params, optimizer.state(), optimizer.steps(),
                ema != null ? ema.state() : Map.of());
    }

    /** The finished model: {@link #evaluatedParams()}, no optimizer or EMA state. */
    public Checkpoint.Content model() {
        return new Checkpoint.Content(iteration, classNames, config, evaluatedParams(), Map.of(), 0, Map.of());
    }
}
