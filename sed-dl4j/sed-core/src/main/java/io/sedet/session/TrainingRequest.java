package io.sedet.session;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a caller asks {@link TrainingSession#open} for: where the run lives, how it starts, with
 * which config, sources, console and compute. The command line, the Java API, the demo and the
 * tests all come in through one of these.
 *
 * @param start      {@link Start#FRESH}, {@link Start#RESUME} or {@link Start#FROM_CHECKPOINT}
 * @param outDir     the run's folder
 * @param config     the config of a fresh or from-checkpoint start; null on a resume (the stored one)
 * @param asked      on a resume: the config the caller describes, given the stored one; a difference
 *                   other than the iterations is refused ({@link ResumeCheck})
 * @param iterations on a resume: a new total, or null to keep the stored one
 * @param from       the checkpoint of {@link Start#FROM_CHECKPOINT}, else null
 * @param sources    sources of the program's own instead of the config's {@code data}, or null
 * @param sourcesDescription what {@code sources} are, recorded as the config's {@code data}
 *                   ({@code java:<description>}); null without sources
 * @param console    where the run's log lines go
 * @param compute    where the data pipeline's and the evaluation's kernels run
 */
public record TrainingRequest(Start start, Path outDir, TrainConfig config, UnaryOperator<TrainConfig> asked,
                              Long iterations, Path from, DataSources.Pair sources, String sourcesDescription,
                              PrintWriter console, Compute compute) {
    /** Where a session starts. */
    public enum Start {
        /** New parameters from the seed, in a folder without a run. */
        FRESH,
        /** {@code OUT/last.ckpt} with its own config (a larger number of iterations allowed). */
        RESUME,
        /**
         * The state of another checkpoint (iteration, parameters, optimizer, EMA) under this config,
         * in a folder without a run: a shared burn-in continued by several methods.
         */
        FROM_CHECKPOINT
    }

    public TrainingRequest {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(compute, "compute");
        if ((config == null) != (start == Start.RESUME)) {
            throw new IllegalArgumentException(start + (config == null ? " needs a config" : " takes the stored config"));
        }
        if ((from == null) != (start != Start.FROM_CHECKPOINT)) {
            throw new IllegalArgumentException("a checkpoint to start from belongs to FROM_CHECKPOINT only");
        }
        if (start == Start.RESUME && asked == null) {
            throw new IllegalArgumentException("a resume needs the asked config (identity for the stored one)");
        }
        if ((sources == null) != (sourcesDescription == null) && start != Start.RESUME) {
            throw new IllegalArgumentException("program sources need a description, and only they");
        }
    }

    /** A fresh run of {@code config} into {@code outDir}, quiet, kernels in plain Java. */
    public static TrainingRequest fresh(TrainConfig config, Path outDir) {
        return new TrainingRequest(Start.FRESH, outDir, config, null, null, null, null, null, quiet(),
                Compute.reference());
    }

    /** Continues the run in {@code outDir} with its stored config. */
    public static TrainingRequest resume(Path outDir) {
        return resume(outDir, stored -> stored, null);
    }

    /**
     * Continues the run in {@code outDir}, checking that the caller's description of it agrees.
     *
     * @param asked      the config the caller describes, given the stored one
     * @param iterations a new total, or null to keep the stored one
     */
    public static TrainingRequest resume(Path outDir, UnaryOperator<TrainConfig> asked, Long iterations) {
        return new TrainingRequest(Start.RESUME, outDir, null, asked, iterations, null, null, null, quiet(),
                Compute.reference());
    }

    /** Continues the run in {@code outDir}, which must have been started with {@code config} (its iterations may grow). */
    public static TrainingRequest resumeAs(TrainConfig config, Path outDir) {
        return resume(outDir, stored -> config, config.iterations());
    }

    /** A new run of {@code config} in {@code outDir} from the state in {@code checkpoint} (a shared burn-in). */
    public static TrainingRequest fromCheckpoint(TrainConfig config, Path outDir, Path checkpoint) {
        return new TrainingRequest(Start.FROM_CHECKPOINT, outDir, config, null, null, checkpoint, null, null, quiet(),
                Compute.reference());
    }

    /** This request, logging to {@code console}. */
    public TrainingRequest console(PrintWriter console) {
        return new TrainingRequest(start, outDir, config, asked, iterations, from, sources, sourcesDescription, console,
                compute);
    }

    /** This request, running the data pipeline's and the evaluation's kernels on {@code compute}. */
    public TrainingRequest compute(Compute compute) {
        return new TrainingRequest(start, outDir, config, asked, iterations, from, sources, sourcesDescription, console,
                compute);
    }

    /**
     * This request on sources of the program's own (a DL4J pipeline's labels, say) instead of the
     * config's {@code data}; a resume of such a run needs them again (the description is stored).
     */
    public TrainingRequest sources(DataSources.Pair sources, String description) {
        return new TrainingRequest(start, outDir, config, asked, iterations, from, sources,
                start == Start.RESUME ? null : description, console, compute);
    }

    private static PrintWriter quiet() {
        return new PrintWriter(Writer.nullWriter());
    }
}
