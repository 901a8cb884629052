package io.sedet.train;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.eval.data.InputException;
import io.sedet.loss.SupervisedObjective;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.TrainingGraph;
import io.sedet.semisup.Method;
import io.sedet.semisup.PseudoLabeler;
import io.sedet.semisup.SemiSupervisedConfig;
import io.sedet.semisup.SemiSupervisedData;
import io.sedet.semisup.SemiSupervisedStep;
import io.sedet.semisup.SoftTargets;
import io.sedet.semisup.StudentObjective;
import io.sedet.semisup.TeacherTargets;
import io.sedet.semisup.UnlabeledViews;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Wires a training run from a {@link TrainConfig}: data (and its labeled/unlabeled split), the
 * detector's parameters, the optimizer, the step of the configured method (supervised, mean
 * teacher, SED), the EMA or teacher, and the hooks (EMA, log, evaluation, checkpoints).
 */
public final class TrainingSession {
    /** Where a session starts. */
    public enum Start {
        /** New parameters from the seed. */
        FRESH,
        /** {@code OUT/last.ckpt} with its own config (a larger number of iterations allowed: {@link ResumeCheck}). */
        RESUME,
        /**
         * The state of another checkpoint (iteration, parameters, optimizer, EMA) under this config:
         * a shared burn-in continued by several methods.
         */
        FROM_CHECKPOINT
    }

    private final Trainer<?> trainer;
    private final TrainState state;
    private final EvalHook eval;
    private final boolean resumed;
    private final PrintWriter console;
    private final MetricsLog log;

    private TrainingSession(Trainer<?> trainer, TrainState state, EvalHook eval, MetricsLog log, boolean resumed,
                            PrintWriter console) {
        this.trainer = trainer;
        this.state = state;
        this.eval = eval;
        this.log = log;
        this.resumed = resumed;
        this.console = console;
    }

    /**
     * @param resume continue from {@code outDir/last.ckpt}; {@code config} must then be the stored
     *               config, except for a larger number of iterations ({@link ResumeCheck})
     */
    public static TrainingSession create(TrainConfig config, Path outDir, boolean resume, PrintWriter console) throws Exception {
        return create(config, outDir, resume, console, Compute.reference());
    }

    /**
     * @param resume  continue from {@code outDir/last.ckpt}; {@code config} must then be the stored
     *                config, except for a larger number of iterations ({@link ResumeCheck})
     * @param compute where the data pipeline's and the evaluation's kernels run
     */
    public static TrainingSession create(TrainConfig config, Path outDir, boolean resume, PrintWriter console,
                                         Compute compute) throws Exception {
        return resume ? resume(outDir, stored -> config, config.iterations(), console, compute)
                : create(config, outDir, Start.FRESH, null, console, compute);
    }

    /**
     * Continues the run in {@code outDir} from its {@code last.ckpt}, with the checkpoint's config.
     *
     * @param asked      the config the command line describes, given the stored one (identity when
     *                   the command line names nothing but the folder); a difference is refused
     * @param iterations a new total given explicitly, or null to keep the stored one
     */
    public static TrainingSession resume(Path outDir, UnaryOperator<TrainConfig> asked, Long iterations,
                                         PrintWriter console, Compute compute) throws Exception {
        return resume(outDir, asked, iterations, console, compute, null);
    }

    /** @param given the sources to train on, or null for the stored config's {@code data} */
    private static TrainingSession resume(Path outDir, UnaryOperator<TrainConfig> asked, Long iterations,
                                          PrintWriter console, Compute compute, DataSources.Pair given) throws Exception {
        RunFolder folder = new RunFolder(outDir);
        Path file = requireCheckpoint(folder);
        Checkpoint.Content ckpt = Checkpoint.load(file);
        TrainConfig config = ResumeCheck.resolve(ckpt.config(), asked.apply(ckpt.config()), iterations,
                ckpt.iteration(), file);
        int removed = folder.removeStaleTemporaries();
        int dropped = folder.truncateMetrics(ckpt.iteration());
        if (removed > 0 || dropped > 0) {
            console.println("resume: " + (removed > 0 ? "removed " + removed + " temporary file(s) of interrupted saves; " : "")
                    + "dropped " + dropped + " metrics record(s) after iteration " + ckpt.iteration());
        }
        if (config.iterations() != ckpt.config().iterations()) {
            console.println("resume: iterations " + ckpt.config().iterations() + " -> " + config.iterations()
                    + "; the learning-rate schedule spans the new total from iteration " + ckpt.iteration() + " on");
        }
        return open(config, outDir, Start.RESUME, file, ckpt, console, compute, given);
    }

    /** The config of the run in {@code outDir} (from its {@code last.ckpt}), without loading its arrays. */
    public static TrainConfig storedConfig(Path outDir) {
        return Checkpoint.configOf(requireCheckpoint(new RunFolder(outDir)));
    }

    private static Path requireCheckpoint(RunFolder folder) {
        Path file = folder.last();
        if (!Files.exists(file)) {
            throw new InputException(file, "no checkpoint to resume from" + (folder.holdsRun()
                    ? " (the run stopped before its first checkpoint: start it again with --overwrite)" : ""));
        }
        return file;
    }

    /**
     * @param from the checkpoint of {@link Start#FROM_CHECKPOINT} (ignored otherwise); a fresh or
     *             from-checkpoint start needs a folder without a run in it ({@link RunFolder#requireFresh})
     */
    public static TrainingSession create(TrainConfig config, Path outDir, Start start, Path from, PrintWriter console,
                                         Compute compute) throws Exception {
        if (start == Start.RESUME) {
            return resume(outDir, stored -> config, config.iterations(), console, compute);
        }
        RunFolder folder = new RunFolder(outDir);
        folder.requireFresh(false);
        folder.removeStaleTemporaries();
        Checkpoint.Content ckpt = null;
        if (start == Start.FROM_CHECKPOINT) {
            if (!Files.exists(from)) {
                throw new InputException(from, "no checkpoint to start from");
            }
            ckpt = Checkpoint.load(from);
        }
        return open(config, outDir, start, from, ckpt, console, compute);
    }

    /**
     * A fresh run on sources a Java program gives (a DL4J pipeline's labels, say) instead of the
     * config's {@code data}, which is recorded as {@code java:<description>}.
     */
    public static TrainingSession create(TrainConfig config, Path outDir, PrintWriter console, Compute compute,
                                         DataSources.Pair data, String description) throws Exception {
        RunFolder folder = new RunFolder(outDir);
        folder.requireFresh(false);
        return open(config.with("data", DataSources.JAVA + description), outDir, Start.FRESH, null, null, console,
                compute, data);
    }

    /** Resumes a run made by {@link #create(TrainConfig, Path, PrintWriter, Compute, DataSources.Pair, String)}. */
    public static TrainingSession resume(Path outDir, PrintWriter console, Compute compute, DataSources.Pair data)
            throws Exception {
        return resume(outDir, stored -> stored, null, console, compute, data);
    }

    private static TrainingSession open(TrainConfig config, Path outDir, Start start, Path ckptFile,
                                        Checkpoint.Content ckpt, PrintWriter console, Compute compute) throws Exception {
        return open(config, outDir, start, ckptFile, ckpt, console, compute, null);
    }

    /** @param given the sources to train on, or null for the config's {@code data} */
    private static TrainingSession open(TrainConfig config, Path outDir, Start start, Path ckptFile,
                                        Checkpoint.Content ckpt, PrintWriter console, Compute compute,
                                        DataSources.Pair given) throws Exception {
        DataSources.Pair data = given != null ? given : DataSources.open(config);
        data.notes().forEach(console::println);
        List<String> classes = data.train().classNames();
        SemiSupervisedConfig semi = config.semi();
        SemiSupervisedData split = SemiSupervisedData.of(data.train(), semi, config.seed());
        if (semi.method().usesTeacher() && split.unlabeled() == null) {
            throw new InputException("--method", semi.method().label() + " needs unlabeled images: give "
                    + "--labeled F (the rest of the training set is unlabeled), --split FILE or --unlabeled DIR");
        }
        console.println("data: " + split.description());
        DetectorSpec spec = config.detectorSpec(classes.size());
        int h = config.input().height();
        int w = config.input().width();
        DetectorParams params;
        long iteration = 0;
        Optimizer optimizer = new Optimizer(config.optimizer(), spec::frozen);
        if (ckpt != null) {
            var problem = ckpt.params().mismatch(DetectorParams.initial(spec, h, w));
            if (problem.isPresent()) {
                throw new InputException(ckptFile, "does not fit the configured detector: " + problem.get());
            }
            params = ckpt.params();
            optimizer.restore(ckpt.optimizerState(), ckpt.optimizerSteps());
            iteration = ckpt.iteration();
        } else {
            params = DetectorParams.initial(spec, h, w, config.seed());
            if (config.init() != null) {
                int copied = initBackbone(params, spec.backbone().style(), Path.of(config.init()));
                console.println("backbone: " + copied + " arrays from " + config.init());
            }
        }
        TargetEncoder encoder = new TargetEncoder(new AnchorGenerator(spec.anchors()).all(h, w), classes.size(),
                compute.boxes());
        SupervisedBatches labeled = new SupervisedBatches(split.labeled(), encoder, compute.images(), config.batchSize(),
                h, w, config.augment(), config.seed());
        TrainStep<?> step;
        if (semi.method() == Method.SUPERVISED) {
            step = new SupervisedStep(labeled, new TrainingGraph(spec, params, config.seed(),
                    new SupervisedObjective(h, w, config.lossConfig())));
        } else {
            int u = semi.unlabeledPerStep(config.batchSize());
            UnlabeledViews views = new UnlabeledViews(split.unlabeled(), compute.images(), u, h, w, config.augment(),
                    semi.strong(), config.seed());
            TeacherTargets targets = semi.method() == Method.SED ? SoftTargets.of(semi, spec.anchors(), h, w)
                    : new PseudoLabeler(spec.anchors(), h, w, encoder, compute.boxes(), semi.pseudoThreshold());
            step = new SemiSupervisedStep(spec, params, config.seed(), labeled, views,
                    new StudentObjective(semi, config.lossConfig(), h, w, config.batchSize(), u), config.lossConfig(),
                    targets, semi.burnIn());
        }
        ModelEma ema = ema(config, params, ckpt, ckptFile, console);
        Files.createDirectories(outDir);
        config.write(new RunFolder(outDir).config());
        RunEnvironment.capture(compute).write(new RunFolder(outDir).environment());
        MetricsLog log = new MetricsLog(console);
        EvalHook eval = new EvalHook(data.val(), log, compute, step::releaseMemory);
        Trainer<?> trainer = new Trainer<>(step, List.of(new EmaHook(), log, eval, new CheckpointHook(log)));
        TrainState state = new TrainState(config, spec, params, optimizer, classes, outDir, iteration, ema);
        return new TrainingSession(trainer, state, eval, log, start == Start.RESUME, console);
    }

    /** The teacher (mean teacher, SED), the model EMA (supervised with {@code ema}), or null. */
    private static ModelEma ema(TrainConfig config, DetectorParams params, Checkpoint.Content ckpt, Path ckptFile,
                                PrintWriter console) {
        SemiSupervisedConfig semi = config.semi();
        ModelEma.Decay decay;
        if (semi.method().usesTeacher()) {
            decay = ModelEma.Decay.teacher(semi.teacherEmaStart(), semi.teacherMomentum());
        } else if (config.emaDecay() > 0) {
            decay = ModelEma.Decay.warmup(config.emaDecay());
        } else {
            return null;
        }
        ModelEma ema = new ModelEma(decay, params);
        if (ckpt != null && !ckpt.ema().isEmpty()) {
            try {
                ema.restore(ckpt.ema());
            } catch (IllegalArgumentException e) {
                throw new InputException(ckptFile, e.getMessage());
            }
        } else if (ckpt != null) {
            console.println("EMA: the checkpoint has none; starting it from the current parameters");
        }
        return ema;
    }

    /**
     * Copies the {@code backbone.*} parameters and BN statistics of a checkpoint into
     * {@code params}; the checkpoint's ResNet must be of the same {@code style}, and every backbone
     * entry must be present with the same shape (what {@code init=FILE} does).
     *
     * @return how many arrays were copied
     */
    public static int initBackbone(DetectorParams params, BackboneSpec.Style style, Path file) {
        Checkpoint.Content c = Checkpoint.load(file);
        BackboneSpec.Style theirs = c.config().model().backboneStyle();
        if (theirs != style) {
            throw new InputException(file, "holds a " + theirs.key() + "-style ResNet and this run builds a "
                    + style.key() + "-style one: add --set model.style=" + theirs.key());
        }
        List<String> problems = new ArrayList<>();
        int copied = 0;
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> all = new LinkedHashMap<>(params.trainable());
        all.putAll(params.running());
        for (String name : all.keySet()) {
            if (!name.startsWith("backbone.")) {
                continue;
            }
            org.nd4j.linalg.api.ndarray.INDArray src = c.params().get(name);
            if (src == null) {
                problems.add("missing " + name);
            } else if (!java.util.Arrays.equals(src.shape(), all.get(name).shape())) {
                problems.add(name + " has shape " + java.util.Arrays.toString(src.shape()) + ", expected "
                        + java.util.Arrays.toString(all.get(name).shape()));
            } else {
                params.set(name, src);
                copied++;
            }
        }
        if (!problems.isEmpty() || copied == 0) {
            throw new InputException(file, "cannot initialise the backbone: "
                    + (problems.isEmpty() ? "it has no backbone parameters" : String.join("; ", problems.subList(0, Math.min(5, problems.size())))));
        }
        return copied;
    }

    /** Shows progress on {@code view} (a live bar on a terminal); plain lines by default. */
    public TrainingSession progress(ProgressView view) {
        log.view(view);
        return this;
    }

    /** Adds a listener that sees every step and the end of training after the built-in hooks. */
    public TrainingSession listen(TrainHook listener) {
        trainer.addHook(listener);
        return this;
    }

    public Trainer<?> trainer() {
        return trainer;
    }

    public TrainState state() {
        return state;
    }

    public EvalHook eval() {
        return eval;
    }

    /**
     * Trains to the configured number of iterations. A resumed run that is already finished (its
     * model written) does nothing but say so.
     */
    public void run() throws Exception {
        if (finishedBefore()) {
            return;
        }
        trainer.run(state);
    }

    private boolean finishedBefore() {
        if (resumed && state.iteration() >= state.config().iterations()
                && Files.exists(new RunFolder(state.outDir()).model())) {
            console.println("the run in " + state.outDir() + " is finished (iteration "
                    + state.iteration() + " of " + state.config().iterations() + "); give a larger --iterations to extend it");
            console.flush();
            return true;
        }
        return false;
    }

    /** Runs until {@code stopAt} iterations are done, then stops as on Ctrl-C (checkpoint saved). */
    public void runUntil(long stopAt) throws Exception {
        trainer.run(state, stopAt);
    }
}
