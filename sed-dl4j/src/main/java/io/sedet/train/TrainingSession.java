package io.sedet.train;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.eval.data.InputException;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.TrainingGraph;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wires a supervised training run from a {@link TrainConfig}: data, detector, optimizer, hooks
 * (log, evaluation, checkpoints), and resumes from {@code OUT/last.ckpt} when asked.
 */
public final class TrainingSession {
    private final Trainer trainer;
    private final TrainState state;
    private final EvalHook eval;

    private TrainingSession(Trainer trainer, TrainState state, EvalHook eval) {
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
        Path last = outDir.resolve(CheckpointHook.LAST);
        Checkpoint.Content ckpt = null;
        if (resume) {
            if (!Files.exists(last)) {
                throw new InputException(last, "no checkpoint to resume from");
            }
            ckpt = Checkpoint.load(last);
            config = ckpt.config().withIterations(config.iterations());
        }
        DataSources.Pair data = DataSources.open(config);
        List<String> classes = data.train().classNames();
        DetectorSpec spec = config.detectorSpec(classes.size());
        int h = config.input().height();
        int w = config.input().width();
        DetectorParams params;
        long start = 0;
        Optimizer optimizer = new Optimizer(config.optimizer());
        if (ckpt != null) {
            var problem = ckpt.params().mismatch(DetectorParams.initial(spec, h, w));
            if (problem.isPresent()) {
                throw new InputException(last, "does not fit the configured detector: " + problem.get());
            }
            params = ckpt.params();
            optimizer.restore(ckpt.optimizerState(), ckpt.optimizerSteps());
            start = ckpt.iteration();
        } else {
            params = new DetectorParams();
        }
        TrainingGraph graph = new TrainingGraph(spec, params, h, w, config.lossConfig(), config.seed());
        if (ckpt == null && config.init() != null) {
            int copied = initBackbone(params, Path.of(config.init()));
            console.println("backbone: " + copied + " arrays from " + config.init());
        }
        TargetEncoder encoder = new TargetEncoder(new AnchorGenerator(spec.anchors()).all(h, w), classes.size(),
                compute.boxes());
        SupervisedBatches batches = new SupervisedBatches(data.train(), encoder, compute.images(), config.batchSize(), h, w,
                config.augment(), config.seed());
        Files.createDirectories(outDir);
        config.write(outDir.resolve("config.json"));
        MetricsLog log = new MetricsLog(console);
        EvalHook eval = new EvalHook(data.val(), log, compute);
        Trainer trainer = new Trainer(graph, batches, List.of(log, eval, new CheckpointHook(log)));
        ModelEma ema = null;
        if (config.emaDecay() > 0) {
            ema = new ModelEma(config.emaDecay(), params);
            if (ckpt != null && !ckpt.ema().isEmpty()) {
                try {
                    ema.restore(ckpt.ema());
                } catch (IllegalArgumentException e) {
                    throw new InputException(last, e.getMessage());
                }
            } else if (ckpt != null) {
                console.println("EMA: the checkpoint has none; starting it from the current parameters");
            }
        }
        TrainState state = new TrainState(config, spec, params, optimizer, classes, outDir, start, ema);
        return new TrainingSession(trainer, state, eval);
    }

    /**
     * Copies the {@code backbone.*} parameters and BN statistics of a checkpoint into
     * {@code params}; every backbone entry must be present with the same shape.
     */
    static int initBackbone(DetectorParams params, Path file) {
        Checkpoint.Content c = Checkpoint.load(file);
        java.util.List<String> problems = new java.util.ArrayList<>();
        int copied = 0;
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> all = new java.util.LinkedHashMap<>(params.trainable());
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

    public Trainer trainer() {
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
