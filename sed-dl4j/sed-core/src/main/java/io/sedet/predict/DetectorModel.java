package io.sedet.predict;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.PostprocessConfig;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.ModelEma;

import java.nio.file.Path;
import java.util.List;

/** A trained detector loaded from a checkpoint or {@code model.sedet}, ready to predict. */
public final class DetectorModel {
    private final TrainConfig config;
    private final DetectorSpec spec;
    private final DetectorParams params;
    private final List<String> classNames;

    private DetectorModel(TrainConfig config, DetectorSpec spec, DetectorParams params, List<String> classNames) {
        this.config = config;
        this.spec = spec;
        this.params = params;
        this.classNames = classNames;
    }

    /**
     * Loads and checks a model file against the detector its config describes. A training
     * checkpoint with a model EMA gives the EMA parameters (the ones training evaluated).
     */
    public static DetectorModel load(Path file) {
        Checkpoint.Content c = Checkpoint.load(file);
        DetectorSpec spec = c.config().detectorSpec(c.classNames().size());
        DetectorParams params;
        try {
            params = c.ema().isEmpty() ? c.params() : ModelEma.paramsOf(c.ema());
        } catch (IllegalArgumentException e) {
            throw new InputException(file, e.getMessage());
        }
        var problem = params.mismatch(DetectorParams.initial(spec, c.config().input().height(),
                c.config().input().width()));
        if (problem.isPresent()) {
            throw new InputException(file, "parameters do not fit the detector in its config: " + problem.get());
        }
        return new DetectorModel(c.config(), spec, params, c.classNames());
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

    public List<String> classNames() {
        return classNames;
    }

    /** A predictor on the model's training canvas. */
    public Predictor predictor(PostprocessConfig post, int batchSize, io.sedet.backend.Compute compute) {
        return new Predictor(spec, params, config.input().height(), config.input().width(), post, batchSize, compute);
    }
}
