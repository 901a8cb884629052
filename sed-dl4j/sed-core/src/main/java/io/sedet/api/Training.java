package io.sedet.api;

import io.sedet.backend.Backend;
import io.sedet.backend.Backends;
import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.session.DataSources;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.RunFolder;
import io.sedet.train.StepRecord;
import io.sedet.train.TrainHook;
import io.sedet.train.TrainState;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training from Java code, the same runs as {@code sedet train}: a config from a preset or a file
 * with settings changed, then a run into a folder (config, metrics, checkpoints, the model; a
 * folder {@code sedet report} and {@code sedet train --resume} understand).
 *
 * <pre>{@code
 * TrainConfig config = Training.preset("shapes-small").method("sed").labeled("0.1").iterations(2000).build();
 * Training.Result r = Training.run(config, Path.of("runs/sed"), p ->
 *         System.out.printf("%d/%d loss %.3f%n", p.iteration(), p.total(), p.loss()));
 * Detector detector = Detector.load(r.model());
 * }</pre>
 */
public final class Training {
    /** Where the runs without a console of their own write their log lines: nowhere. */
    private static final PrintWriter QUIET = new PrintWriter(Writer.nullWriter());

    private Training() {
    }

    /**
     * Where a run without a backend argument computes: its config's {@code backend} and
     * {@code openclDevice} (absent: {@code auto}), as the command line does.
     */
    private static Compute of(TrainConfig config) {
        Backend b = config.backend() == null ? Backend.AUTO : Backend.parse(config.backend());
        return Backends.select(b, config.openclDevice(), QUIET::println);
    }

    /**
     * What a listener sees after each step.
     *
     * @param losses the step's loss terms by name ({@code loss_cls}, {@code loss_box}, …)
     * @param lr     the learning rate the step used
     */
    public record Progress(long iteration, long total, Map<String, Double> losses, double lr) {
        /** The sum of the loss terms. */
        public double loss() {
            return losses.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Called on the training thread (keep it short): after every step, each validation and each checkpoint. */
    @FunctionalInterface
    public interface Listener {
        void onStep(Progress progress);

        /**
         * After each validation (every {@code evalEvery} iterations and when the run completes):
         * its COCO numbers by name ({@code AP}, {@code AP50}, …).
         */
        default void onEvaluation(long iteration, Map<String, Double> validation) {
        }

        /**
         * After each checkpoint is written ({@code last.ckpt}, every {@code checkpointEvery}
         * iterations and when training ends): the iteration it holds and its file, from which the
         * run resumes exactly.
         */
        default void onCheckpoint(long iteration, Path file) {
        }
    }

    /**
     * A finished run.
     *
     * @param model      {@code model.sedet} (the teacher's or EMA's parameters where the run kept them)
     * @param validation the last validation's COCO numbers by name ({@code AP}, {@code AP50}, …);
     *                   empty when the run evaluated nothing
     */
    public record Result(Path model, Map<String, Double> validation) {
    }

    /** Starts from a shipped preset (one of {@link TrainConfig#presets()}). */
    public static Builder preset(String name) {
        return new Builder(overrides -> TrainConfig.preset(name, overrides));
    }

    /** Starts from a JSON config file (settings it leaves out as in {@code shapes-small}). */
    public static Builder config(Path file) {
        return new Builder(overrides -> TrainConfig.file(file, overrides));
    }

    /** Settings on top of a preset or file, applied and checked by {@link #build()} as {@code --set} would. */
    public static final class Builder {
        private final java.util.function.Function<Map<String, String>, TrainConfig> base;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(java.util.function.Function<Map<String, String>, TrainConfig> base) {
            this.base = base;
        }

        /** Any setting, {@code key.path} and value as {@code --set key.path=value} takes them. */
        public Builder set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** {@code shapes}, {@code voc:ROOT} or {@code coco:GT.json,IMAGEDIR} (also {@code TRAIN;VAL} pairs). */
        public Builder data(String data) {
            return set("data", data);
        }

        /** {@code supervised}, {@code mean-teacher} or {@code sed}. */
        public Builder method(String method) {
            return set("semi.method", method);
        }

        /** The labeled part of the training images: a fraction ("0.1") or a count ("100"). */
        public Builder labeled(String fractionOrCount) {
            return set("semi.labeled", com.fasterxml.jackson.databind.node.TextNode.valueOf(fractionOrCount).toString());
        }

        public Builder iterations(long iterations) {
            return set("iterations", Long.toString(iterations));
        }

        public Builder batchSize(int batchSize) {
            return set("batchSize", Integer.toString(batchSize));
        }

        public Builder seed(long seed) {
            return set("seed", Long.toString(seed));
        }

        /** The checked config ({@link io.sedet.io.InputException} naming a bad setting). */
        public TrainConfig build() {
            return base.apply(overrides);
        }
    }

    /**
     * Trains a fresh run into {@code outDir} (which must not hold another run) where its config's
     * {@code backend} says ({@code auto} when absent, as the command line), console output discarded.
     */
    public static Result run(TrainConfig config, Path outDir, Listener listener) throws Exception {
        return finish(TrainingSession.open(TrainingRequest.fresh(config, outDir).console(QUIET).compute(of(config))),
                listener);
    }

    /**
     * @param backend where to compute ({@link Backend#AUTO}: a GPU where there is one)
     * @param console where the run's log lines go (the CLI's, without the progress bar)
     */
    public static Result run(TrainConfig config, Path outDir, Listener listener, Backend backend, PrintWriter console)
            throws Exception {
        Compute compute = Backends.select(backend, config.openclDevice(), console::println);
        return finish(TrainingSession.open(TrainingRequest.fresh(config, outDir).console(console).compute(compute)), listener);
    }

    /**
     * Trains a fresh run on sources of the program's own — a DL4J pipeline's labels through
     * {@link io.sedet.data.datavec.LabelProviderSource}, say — instead of the config's {@code data}
     * (recorded as {@code java:<description>}; the method's labeled/unlabeled split applies to
     * {@code train} as to any data).
     */
    public static Result run(TrainConfig config, Path outDir, Listener listener, DetectionSource train,
                             DetectionSource val, String description) throws Exception {
        return finish(TrainingSession.open(TrainingRequest.fresh(config, outDir).console(QUIET).compute(of(config))
                .sources(new DataSources.Pair(train, val), description)), listener);
    }

    /** Continues a run of {@link #run(TrainConfig, Path, Listener, DetectionSource, DetectionSource, String)}. */
    public static Result resume(Path outDir, Listener listener, DetectionSource train, DetectionSource val)
            throws Exception {
        return finish(TrainingSession.open(TrainingRequest.resume(outDir).console(QUIET)
                .compute(of(TrainingSession.storedConfig(outDir))).sources(new DataSources.Pair(train, val), null)), listener);
    }

    /** Continues the run in {@code outDir} from its last checkpoint, with its own config. */
    public static Result resume(Path outDir, Listener listener) throws Exception {
        return finish(TrainingSession.open(TrainingRequest.resume(outDir).console(QUIET)
                .compute(of(TrainingSession.storedConfig(outDir)))), listener);
    }

    private static Result finish(TrainingSession session, Listener listener) throws Exception {
        Events events = new Events(session, listener);
        if (listener != null) {
            session.listen(new TrainHook() {
                @Override
                public void afterStep(TrainState state, StepRecord step) {
                    listener.onStep(new Progress(state.iteration(), state.config().iterations(),
                            Map.copyOf(step.losses()), step.lr()));
                    events.report();
                }
            });
        }
        session.run();
        events.report(); // the last evaluation and checkpoint come after the last step's hooks
        var last = session.eval().last();
        return new Result(new RunFolder(session.state().outDir()).model(),
                last == null ? Map.of() : Map.copyOf(last.statsMap()));
    }

    /** Tells the listener about evaluations and checkpoints the built-in hooks made since it last looked. */
    private static final class Events {
        private final TrainingSession session;
        private final Listener listener;
        private Object evaluation;
        private long savedAt;

        Events(TrainingSession session, Listener listener) {
            this.session = session;
            this.listener = listener;
            this.evaluation = session.eval().last();
            this.savedAt = session.checkpoints().savedAt();
        }

        void report() {
            if (listener == null) {
                return;
            }
            var last = session.eval().last();
            if (last != null && last != evaluation) {
                evaluation = last;
                listener.onEvaluation(session.state().iteration(), Map.copyOf(last.statsMap()));
            }
            long saved = session.checkpoints().savedAt();
            if (saved != savedAt) {
                savedAt = saved;
                listener.onCheckpoint(saved, new RunFolder(session.state().outDir()).last());
            }
        }
    }
}
