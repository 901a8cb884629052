package io.sedet.train;

import io.sedet.checkpoint.Checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves {@code last.ckpt} in the output folder every {@code checkpointEvery} iterations and when
 * training ends (also on Ctrl-C), and {@code model.sedet} (the same format; the EMA parameters when
 * training keeps an EMA, without optimizer state) when it completes. Parameters that are not all
 * finite are never written: the previous checkpoint stays.
 */
public final class CheckpointHook implements TrainHook {
    public static final String LAST = RunFolder.LAST;
    public static final String MODEL = RunFolder.MODEL;

    private final MetricsLog log;
    private long savedAt = -1;

    public CheckpointHook(MetricsLog log) {
        this.log = log;
    }

    /** The iteration {@code last.ckpt} was last written at by this hook, or −1. */
    public long savedAt() {
        return savedAt;
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
        Checkpoint.Content content = name.equals(MODEL) ? state.model() : state.checkpoint();
        String bad = Checkpoint.firstNonFinite(content);
        if (bad != null) {
            throw new NonFiniteLossException(state.iteration(), "parameter " + bad + " is not finite; " + file
                    + " was not written");
        }
        Checkpoint.save(file, content);
        if (name.equals(LAST)) {
            savedAt = state.iteration();
        }
        log.console().println("[" + state.iteration() + "] saved " + file);
        log.console().flush();
    }
}
