package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.FolderLock;
import io.sedet.train.NonFiniteLossException;
import io.sedet.train.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code sedet train [--preset NAME | --config FILE] [--data D] [--out DIR] [--resume] ...}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a RetinaNet detector: supervised, mean teacher or SED (--method). Default: the built-in synthetic 'shapes' dataset, supervised.",
            "Writes OUT/config.json, OUT/metrics.jsonl, OUT/last.ckpt (every checkpointEvery iterations, and on Ctrl-C)",
            "and OUT/model.sedet when done; --resume continues from OUT/last.ckpt exactly where it stopped."})
public final class TrainCommand implements Callable<Integer> {
    /** Exit code when the loss became NaN or infinite. */
    public static final int EXIT_DIVERGED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", description = "Shipped configuration: shapes-small (default), voc-r18, coco-r50.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (JSON, the presets' format).")
    Path config;

    @Option(names = "--data", description = "shapes | voc:ROOT | coco:TRAIN_GT.json,TRAIN_DIR;VAL_GT.json,VAL_DIR (overrides the config).")
    String data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<preset>).")
    Path out;

    @Option(names = "--iterations", description = "Number of optimizer steps (overrides the config).")
    Long iterations;

    @Option(names = "--batch", description = "Images per step (overrides the config).")
    Integer batch;

    @Option(names = "--lr", description = "Base learning rate (overrides the config).")
    Double lr;

    @Option(names = "--seed", description = "Seed of initialisation, data order and augmentation.")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any config value, e.g. --set model.width=0.5 --set schedule.kind=STEP.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--resume", description = {"Continue from OUT/last.ckpt with the run's stored config. Options that would change the run are refused;",
        "--iterations may extend it (the learning-rate schedule then spans the new total)."})
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the run already in OUT (its checkpoint, model and metrics) with a new one.")
    boolean overwrite;

    @Option(names = "--method", description = "supervised | mean-teacher | sed (default: the config's semi.method, supervised).")
    String method;

    @Option(names = "--labeled", paramLabel = "F", description = "Labeled part of the training set: a fraction (0.1) or a count (50), drawn with the seed; the rest is unlabeled.")
    String labeled;

    @Option(names = "--split", paramLabel = "FILE", description = "The labeled images, as written by 'sedet split'; the rest is unlabeled.")
    Path split;

    @Option(names = "--classes", paramLabel = "FILE|auto", description = {"Classes of a VOC-format dataset: a class-list file (one name per line)",
        "or 'auto' (the names in the training set's annotations, sorted). Default: the 20 Pascal VOC classes."})
    String classes;

    @Option(names = "--skip-unknown-classes", description = "Leave out objects of classes not in the list (with a count) instead of failing.")
    boolean skipUnknown;

    @Option(names = "--unlabeled", paramLabel = "DIR", description = "A folder of unannotated images added to the unlabeled set.")
    Path unlabeled;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        if (preset != null && config != null) {
            throw new InputException("--preset", "give --preset or --config, not both");
        }
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        if (data != null) {
            overrides.put("data", data);
        }
        if (iterations != null) {
            overrides.put("iterations", iterations.toString());
        }
        if (batch != null) {
            overrides.put("batchSize", batch.toString());
        }
        if (lr != null) {
            overrides.put("optimizer.lr", lr.toString());
        }
        if (seed != null) {
            overrides.put("seed", seed.toString());
        }
        if (method != null) {
            overrides.put("semi.method", io.sedet.config.Method.parse(method).label());
        }
        if (labeled != null) {
            overrides.put("semi.labeled", jsonString(labeled));
        }
        if (split != null) {
            overrides.put("semi.split", jsonString(split.toString()));
        }
        if (unlabeled != null) {
            overrides.put("semi.unlabeled", jsonString(unlabeled.toString()));
        }
        if (classes != null) {
            overrides.put("voc.classes", jsonString(classes));
        }
        if (skipUnknown) {
            overrides.put("voc.skipUnknown", "true");
        }
        if (resume && overwrite) {
            throw new InputException("--overwrite", "give --resume (continue the run in OUT) or --overwrite (replace it), not both");
        }
        String name = preset != null ? preset : (config == null ? "shapes-small" : null);
        Path outDir = out != null ? out : Path.of("runs", name != null ? name : stripExtension(config));
        PrintWriter console = spec.commandLine().getOut();
        TrainingSession session;
        if (resume) {
            // the run's own config; what the command line gives is checked against it
            Long total = iterations;
            if (total == null && sets.containsKey("iterations")) {
                try {
                    total = Long.parseLong(sets.get("iterations").trim());
                } catch (NumberFormatException e) {
                    throw new InputException("--set iterations", "not a whole number: " + sets.get("iterations"));
                }
            }
            Map<String, String> changes = new LinkedHashMap<>(overrides);
            changes.remove("iterations");
            boolean named = preset != null || config != null;
            UnaryOperator<TrainConfig> asked = stored -> named
                    ? base(name, changes).with("iterations", stored.iterations()) : stored.with(changes);
            TrainConfig stored = TrainingSession.storedConfig(outDir);
            Compute compute = backendOptions.resolve(stored.backend(), stored.openclDevice(), console);
            session = TrainingSession.open(TrainingRequest.resume(outDir, asked, total).console(console).compute(compute));
        } else {
            TrainConfig cfg = base(name, overrides);
            // held before --overwrite clears anything: another process's run is never deleted under it
            try (FolderLock held = FolderLock.acquire(outDir, console::println)) {
                try {
                    new RunFolder(outDir).requireFresh(overwrite);
                } catch (RunFolder.Occupied e) {
                    throw new InputException(outDir, "holds a training run (" + String.join(", ", e.files())
                            + "): continue it with --resume, or replace it with --overwrite");
                }
                Compute compute = backendOptions.resolve(cfg.backend(), cfg.openclDevice(), console);
                session = TrainingSession.open(TrainingRequest.fresh(cfg, outDir).console(console).compute(compute));
            }
        }
        session.progress(TerminalProgress.forConsole());
        Path last = new RunFolder(outDir).last();
        Thread onCtrlC = new Thread(() -> {
            console.println("stopping after the current step and saving " + last
                    + " (kill -9 now would leave the previous checkpoint) ...");
            console.flush();
            session.trainer().requestStop();
            try {
                session.trainer().awaitFinished(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the iteration printed is the one the checkpoint on disk holds
            String at = java.nio.file.Files.exists(last) ? "; " + last + " holds iteration "
                    + io.sedet.checkpoint.Checkpoint.iterationOf(last) : "; no checkpoint was written";
            console.println("stopped" + at + "; continue with: sedet train --resume --out " + outDir);
            console.flush();
        }, "sedet-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            session.run();
        } catch (NonFiniteLossException e) {
            spec.commandLine().getErr().println("sedet: error: " + e.getMessage());
            return EXIT_DIVERGED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
        return 0;
    }

    private TrainConfig base(String name, Map<String, String> overrides) {
        return name != null ? TrainConfig.preset(name, overrides) : TrainConfig.file(config, overrides);
    }

    /** A value for a {@code key=value} override that stays a string (not parsed as a number). */
    static String jsonString(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    private static String stripExtension(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
