package io.sedet.session;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.Method;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.config.TrainConfig;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.io.InputException;
import io.sedet.loss.SupervisedObjective;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.ModelEma;
import io.sedet.model.TrainingGraph;
import io.sedet.semisup.PseudoLabeler;
import io.sedet.semisup.SemiSupervisedData;
import io.sedet.semisup.SemiSupervisedStep;
import io.sedet.semisup.SoftTargets;
import io.sedet.semisup.StudentObjective;
import io.sedet.semisup.TeacherTargets;
import io.sedet.semisup.UnlabeledViews;
import io.sedet.train.CheckpointHook;
import io.sedet.train.FolderLock;
import io.sedet.train.EmaHook;
import io.sedet.train.EvalHook;
import io.sedet.train.MetricsLog;
import io.sedet.train.Optimizer;
import io.sedet.train.ProgressView;
import io.sedet.train.RunFolder;
import io.sedet.train.SupervisedStep;
import io.sedet.train.TrainHook;
import io.sedet.train.TrainState;
import io.sedet.train.TrainStep;
import io.sedet.train.Trainer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires a training run from a {@link TrainConfig}: data (and its labeled/unlabeled split), the
 * detector's parameters, the optimizer, the step of the configured method (supervised, mean
 * teacher, SED), the EMA or teacher, and the hooks (EMA, log, evaluation, checkpoints).
 */
public final class TrainingSession {
    private final Trainer<?> trainer;
    private final TrainState state;
    private final EvalHook eval;
    private final CheckpointHook checkpoints;
    /** This process's hold on the run folder, from {@link #open} to the end of {@link #run}. */
    private FolderLock lock;
    private final boolean resumed;
    private final PrintWriter console;
    private final MetricsLog log;

    private TrainingSession(Trainer<?> trainer, TrainState state, EvalHook eval, CheckpointHook checkpoints,
                            MetricsLog log, boolean resumed, PrintWriter console) {
        this.trainer = trainer;
        this.state = state;
        this.eval = eval;
        this.checkpoints = checkpoints;
        this.log = log;
        this.resumed = resumed;
        this.console = console;
    }

    /**
     * The one way into a run: a fresh start, a resume from {@code OUT/last.ckpt} (with the stored
     * config; only a larger number of iterations may be asked, {@link ResumeCheck}), or a new run
     * from another run's checkpoint (a shared burn-in).
     */
    public static TrainingSession open(TrainingRequest request) throws Exception {
        // one writing process per run folder, held until the session has run
        FolderLock lock = FolderLock.acquire(request.outDir(), request.console()::println);
        try {
            TrainingSession s = switch (request.start()) {
                case FRESH -> fresh(request);
                case RESUME -> resume(request);
                case FROM_CHECKPOINT -> fromCheckpoint(request);
            };
            s.lock = lock;
            return s;
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    private static TrainingSession fresh(TrainingRequest r) throws Exception {
        requireNoRun(r.outDir());
        TrainConfig config = r.sources() == null ? r.config()
                : r.config().with("data", DataSources.JAVA + r.sourcesDescription());
        return assemble(config, r, null, null, false);
    }

    private static TrainingSession fromCheckpoint(TrainingRequest r) throws Exception {
        requireNoRun(r.outDir());
        if (!Files.exists(r.from())) {
            throw new InputException(r.from(), "no checkpoint to start from");
        }
        return assemble(r.config(), r, r.from(), Checkpoint.load(r.from()), false);
    }

    /** A fresh or from-checkpoint start: the folder holds no run; temporaries of crashed saves go. */
    private static void requireNoRun(Path outDir) throws java.io.IOException {
        RunFolder folder = new RunFolder(outDir);
        folder.requireFresh(false);
        folder.removeStaleTemporaries();
    }

    private static TrainingSession resume(TrainingRequest r) throws Exception {
        RunFolder folder = new RunFolder(r.outDir());
        Path file = requireCheckpoint(folder);
        Checkpoint.Content ckpt = Checkpoint.load(file);
        TrainConfig config = ResumeCheck.resolve(ckpt.config(), r.asked().apply(ckpt.config()), r.iterations(),
                ckpt.iteration(), file);
        PrintWriter console = r.console();
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
        return assemble(config, r, file, ckpt, true);
    }

    /** The config of the run in {@code outDir} (from its {@code last.ckpt}), without loading its arrays. */
    public static TrainConfig storedConfig(Path outDir) {
        return Checkpoint.configOf(requireCheckpoint(new RunFolder(outDir)));
    }

    private static Path requireCheckpoint(RunFolder folder) {
        Path file = folder.last();
        if (!Files.exists(file)) {
            throw new InputException(file, "no checkpoint to resume from" + (folder.holdsRun()
                    ? " (the run stopped before its first checkpoint: start it again, replacing the folder)" : ""));
        }
        return file;
    }

    /**
     * Builds the run of {@code config} as {@code request} asks: data (the request's sources, else the
     * config's {@code data}), parameters (fresh or from {@code ckpt}), optimizer, the method's step,
     * EMA or teacher, hooks.
     */
    private static TrainingSession assemble(TrainConfig config, TrainingRequest request, Path ckptFile,
                                            Checkpoint.Content ckpt, boolean resumed) throws Exception {
        Path outDir = request.outDir();
        PrintWriter console = request.console();
        Compute compute = request.compute();
        DataSources.Pair data = request.sources() != null ? request.sources() : DataSources.open(config);
        data.notes().forEach(console::println);
        List<String> classes = data.train().classNames();
        SemiSupervisedConfig semi = config.semi();
        SemiSupervisedData split = SemiSupervisedData.of(data.train(), semi, config.seed());
        if (semi.method().usesTeacher() && split.unlabeled() == null) {
            throw new InputException("semi.method", semi.method().label() + " needs unlabeled images: give "
                    + "semi.labeled (a fraction or count; the rest of the training set is unlabeled), semi.split "
                    + "(a split file) or semi.unlabeled (a folder of images)");
        }
        console.println("data: " + split.description());
        DetectorSpec spec = config.detectorSpec(classes.size());
        int h = config.input().height();
        int w = config.input().width();
        DetectorParams params;
        long iteration = 0;
        Optimizer optimizer = new Optimizer(config.optimizer(), spec::frozen, spec::halfViewOnly);
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
            TeacherTargets targets = semi.method() == Method.SED ? SoftTargets.of(semi, spec, h, w)
                    : new PseudoLabeler(spec.anchors(), h, w, encoder, compute.boxes(), semi.pseudoThreshold(),
                            semi.pseudoNormalizer());
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
        CheckpointHook checkpoints = new CheckpointHook(log);
        Trainer<?> trainer = new Trainer<>(step, List.of(new EmaHook(), log, eval, checkpoints));
        TrainState state = new TrainState(config, spec, params, optimizer, classes, outDir, iteration, ema);
        return new TrainingSession(trainer, state, eval, checkpoints, log, resumed, console);
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
                    + style.key() + "-style one: set model.style to " + theirs.key());
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

    public CheckpointHook checkpoints() {
        return checkpoints;
    }

    /**
     * Trains to the configured number of iterations. A resumed run that is already finished (its
     * model written) does nothing but say so.
     */
    public void run() throws Exception {
        try {
            if (finishedBefore()) {
                return;
            }
            trainer.run(state);
        } finally {
            releaseLock();
        }
    }

    private void releaseLock() throws java.io.IOException {
        try {
            log.closeFile();  // a failed step skips afterTrain: the metrics file must not stay open
        } catch (java.io.IOException e) {
            // a full disk that already failed the run: its error is the one to report
        }
        if (lock != null) {
            FolderLock l = lock;
            lock = null;
            l.close();
        }
    }

    private boolean finishedBefore() {
        if (resumed && state.iteration() >= state.config().iterations()
                && Files.exists(new RunFolder(state.outDir()).model())) {
            console.println("the run in " + state.outDir() + " is finished (iteration "
                    + state.iteration() + " of " + state.config().iterations() + "); give a larger iterations to extend it");
            console.flush();
            return true;
        }
        return false;
    }

    /** Runs until {@code stopAt} iterations are done, then stops as on Ctrl-C (checkpoint saved). */
    public void runUntil(long stopAt) throws Exception {
        try {
            trainer.run(state, stopAt);
        } finally {
            releaseLock();
        }
    }
}
