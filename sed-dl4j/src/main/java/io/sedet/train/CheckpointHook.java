package io.sedet.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves {@code last.ckpt} in the output folder every {@code checkpointEvery} iterations and when
 * training ends (also on Ctrl-C), and {@code model.sedet} (the same format; the EMA parameters when
 * training keeps an EMA, without optimizer state) when it completes.
 */
public final class CheckpointHook implements TrainHook {
    public static final String LAST = "last.ckpt";
    public static final String MODEL = "model.sedet";

    private final MetricsLog log;
    private long savedAt = -1;

    public CheckpointHook(MetricsLog log) {
        this.log = log;
    }

    @Override
    public void afterStep(TrainState state, StepRecord step) throws IOException {
        if (state.iteration() % state.config().checkpointEvery() == 0) {
            save(state, LAST);
        }
    }

    @Override
    public void afterTrain(TrainState state) throws IOException {
        if (savedAt != state.iteration()) {
            save(state, LAST);
        }
        if (state.iteration() >= state.config().iterations()) {
            save(state, MODEL);
        }
    }

    private void save(TrainState state, String name) throws IOException {
        Path file = state.outDir().resolve(name);
        Checkpoint.save(file, name.equals(MODEL) ? state.model() : state.checkpoint());
        if (name.equals(LAST)) {
            savedAt = state.iteration();
        }
        log.console().println("[" + state.iteration() + "] saved " + file);
        log.console().flush();
    }
}
