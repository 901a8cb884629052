package io.sedet.train;

import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;

import java.nio.file.Path;
import java.util.List;

/** The state hooks see: what is trained, where to, and how far it is. */
public final class TrainState {
    private final TrainConfig config;
    private final DetectorSpec spec;
    private final DetectorParams params;
    private final Optimizer optimizer;
    private final List<String> classNames;
    private final Path outDir;
    private long iteration;

    public TrainState(TrainConfig config, DetectorSpec spec, DetectorParams params, Optimizer optimizer,
                      List<String> classNames, Path outDir, long startIteration) {
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

    /** The checkpoint content of the current state. */
    public Checkpoint.Content checkpoint() {
        return new Checkpoint.Content(iteration, classNames, config, params, optimizer.state(), optimizer.steps());
    }
}
