package io.sedet.train;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.eval.data.InputException;
import io.sedet.loss.SupervisedObjective;
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
        /** {@code OUT/last.ckpt} with its own config (except the number of iterations). */
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

    private TrainingSession(Trainer<?> trainer, TrainState state, EvalHook eval) {
        this.trainer = trainer;
        this.state = state;
        this.eval = eval;
    }

    /**
     * @param resume continue from {@code outDir/last.ckpt} (its config wins over {@code config}
     *               except for the number of iterations)
     */
    public static TrainingSession create(TrainConfig config, Path outDir, boolean resume, PrintWriter console) throws Exception {
        return create(config, outDir, resume, console, Compute.reference());
    }

    /**
     * @param resume  continue from {@code outDir/last.ckpt} (its config wins over {@code config}
     *                except for the number of iterations)
     * @param compute where the data pipeline's and the evaluation's kernels run
     */
    public static TrainingSession create(TrainConfig config, Path outDir, boolean resume, PrintWriter console,
                                         Compute compute) throws Exception {
        return create(config, outDir, resume ? Start.RESUME : Start.FRESH, null, console, compute);
    }

    /**
     * @param from the checkpoint of {@link Start#FROM_CHECKPOINT} (ignored otherwise)
     */
    public static TrainingSession create(TrainConfig config, Path outDir, Start start, Path from, PrintWriter console,
                                         Compute compute) throws Exception {
        Path ckptFile = switch (start) {
            case FRESH -> null;
            case RESUME -> outDir.resolve(CheckpointHook.LAST);
            case FROM_CHECKPOINT -> from;
        };
        Checkpoint.Content ckpt = null;
        if (ckptFile != null) {
            if (!Files.exists(ckptFile)) {
                throw new InputException(ckptFile, "no checkpoint to " + (start == Start.RESUME ? "resume" : "start") + " from");
            }
            ckpt = Checkpoint.load(ckptFile);
            if (start == Start.RESUME) {
                config = ckpt.config().with("iterations", config.iterations());
            }
        }
        DataSources.Pair data = DataSources.open(config);
        List<String> classes = data.train().classNames();
        SemiSupervisedConfig semi = config.semi();
        SemiSupervisedData split = SemiSupervisedData.of(data.train(), semi, config.seed());
        if (semi.method().usesTeacher() && split.unlabeled() == null) {
            throw new InputException(Path.of("--method"), semi.method().label() + " needs unlabeled images: give "
                    + "--labeled F (the rest of the training set is unlabeled), --split FILE or --unlabeled DIR");
        }
        console.println("data: " + split.description());
        DetectorSpec spec = config.detectorSpec(classes.size());
        int h = config.input().height();
        int w = config.input().width();
        DetectorParams params;
        long iteration = 0;
        Optimizer optimizer = new Optimizer(config.optimizer());
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
                int copied = initBackbone(params, Path.of(config.init()));
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
            TeacherTargets targets = semi.method() == Method.SED ? new SoftTargets()
                    : new PseudoLabeler(spec.anchors(), h, w, encoder, compute.boxes(), semi.pseudoThreshold());
            step = new SemiSupervisedStep(spec, params, config.seed(), labeled, views,
                    new StudentObjective(semi, config.lossConfig(), h, w, config.batchSize(), u), config.lossConfig(),
                    targets, semi.burnIn());
        }
        ModelEma ema = ema(config, params, ckpt, ckptFile, console);
        Files.createDirectories(outDir);
        config.write(outDir.resolve("config.json"));
        MetricsLog log = new MetricsLog(console);
        EvalHook eval = new EvalHook(data.val(), log, compute);
        Trainer<?> trainer = new Trainer<>(step, List.of(new EmaHook(), log, eval, new CheckpointHook(log)));
        TrainState state = new TrainState(config, spec, params, optimizer, classes, outDir, iteration, ema);
        return new TrainingSession(trainer, state, eval);
    }

    /** The teacher (mean teacher, SED), the model EMA (supervised with {@code ema}), or null. */
    private static ModelEma ema(TrainConfig config, DetectorParams params, Checkpoint.Content ckpt, Path ckptFile,
                                PrintWriter console) {
        SemiSupervisedConfig semi = config.semi();
        ModelEma.Decay decay;
        if (semi.method().usesTeacher()) {
            decay = ModelEma.Decay.teacher(semi.burnIn(), semi.teacherMomentum());
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
     * {@code params}; every backbone entry must be present with the same shape.
     */
    static int initBackbone(DetectorParams params, Path file) {
        Checkpoint.Content c = Checkpoint.load(file);
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

    public Trainer<?> trainer() {
        return trainer;
    }

    public TrainState state() {
        return state;
    }

    public EvalHook eval() {
        return eval;
    }

    public void run() throws Exception {
        trainer.run(state);
    }

    /** Runs until {@code stopAt} iterations are done, then stops as on Ctrl-C (checkpoint saved). */
    public void runUntil(long stopAt) throws Exception {
        trainer.run(state, stopAt);
    }
}
