package io.sedet.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.backend.Compute;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.ShapesDataset;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.EvalSummary;
import io.sedet.predict.Predictor;
import io.sedet.predict.SourceEvaluation;
import io.sedet.session.ResumeCheck;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.ProgressView;
import io.sedet.train.RunFolder;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains several {@link Variant}s of one config with the same seed and iteration budget and
 * evaluates each on the same held-out test split. The supervised burn-in is shared: it is trained
 * once (as the supervised method, under the full schedule, stopped at {@code semi.burnIn}) and
 * every variant continues from its checkpoint — exactly what each would have computed alone,
 * because mean teacher and SED are supervised steps on the same batches until then. Each variant's
 * evaluated model is the teacher (mean teacher, SED) or the student (supervised).
 *
 * <p>Folders: {@code OUT/burn-in/}, {@code OUT/<variant>/} (config, metrics.jsonl, last.ckpt,
 * model.sedet).
 */
public final class Comparison {
    /**
     * COCO stats of one variant on the report split, its wall time, and its per-image matches
     * (for {@link PairedBootstrap}; not written).
     */
    public record Outcome(String name, Map<String, Double> stats, double seconds, CocoEvaluator matches) {
    }

    /** The split a comparison reports on. */
    public enum Split {
        /** Tune here. */
        VAL("val"),
        /** Report here, once the recipe is fixed. */
        TEST("test");

        public final String key;

        Split(String key) {
            this.key = key;
        }

        public static Split parse(String s) {
            for (Split v : values()) {
                if (v.key.equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new InputException("split", "the report split is val or test; got '" + s + "'");
        }
    }

    /** The six COCO numbers reported per method. */
    public static final List<String> REPORTED = List.of("AP", "AP50", "AP75", "APs", "APm", "APl");

    private final TrainConfig config;
    private final Path outDir;
    private final PrintWriter console;
    private final Compute compute;
    private Split split = Split.TEST;

    private ProgressView progress = ProgressView.LINES;

    /** Shows each run's progress on {@code view} (a live bar on a terminal). */
    public Comparison progress(ProgressView view) {
        this.progress = view;
        return this;
    }

    /** Reports on {@code split} (default: the test split). */
    public Comparison split(Split split) {
        this.split = split;
        return this;
    }

    public Comparison(TrainConfig config, Path outDir, PrintWriter console, Compute compute) {
        this.config = config;
        this.outDir = outDir;
        this.console = console;
        this.compute = compute;
    }

    /** What a run's folder holds for the run a comparison wants there. */
    enum Found {
        /** No checkpoint: the run starts (from the burn-in, or from scratch). */
        NOTHING,
        /** A checkpoint of the same run short of its end (an interrupted demo): the run resumes. */
        INTERRUPTED,
        /** The same run at its end: reused as it is. */
        FINISHED
    }

    /**
     * What {@code dir} holds for a run of {@code wanted} trained to {@code until} iterations (its
     * model written too, with {@code needsModel}). A checkpoint of another run is refused with the
     * settings that differ: a demo never clears finished work of other settings.
     */
    static Found found(Path dir, TrainConfig wanted, long until, boolean needsModel) {
        Path last = dir.resolve(RunFolder.LAST);
        if (!Files.exists(last)) {
            return Found.NOTHING;
        }
        TrainConfig stored = Checkpoint.configOf(last);
        long at = Checkpoint.iterationOf(last);
        if (!stored.sameRun(wanted)) {
            List<String> changed = ResumeCheck.everyDifference(stored.asRun(), wanted.asRun());
            throw new InputException(last, "holds a run of other settings (" + (changed.isEmpty() ? "the config differs"
                    : String.join(", ", changed)) + "); give another --out, or remove " + dir + " to train it anew");
        }
        if (at > until) {
            throw new InputException(last, "holds iteration " + at + ", past the " + until + " this run trains");
        }
        boolean done = at == until && (!needsModel || Files.exists(dir.resolve(RunFolder.MODEL)));
        return done ? Found.FINISHED : Found.INTERRUPTED;
    }

    /**
     * Checks, before anything trains, that every folder the burn-in and {@code variants} use holds
     * nothing, their own interrupted run, or their own finished run.
     */
    public void check(List<Variant> variants) {
        found(outDir.resolve("burn-in"), burnInConfig(), config.semi().burnIn(), false);
        for (Variant v : variants) {
            TrainConfig c = config.with(v.overrides());
            found(outDir.resolve(v.folder()), c, c.iterations(), true);
        }
    }

    private TrainConfig burnInConfig() {
        return config.withSemi(config.semi().burnInPart());
    }

    /**
     * The burn-in checkpoint, trained when it is not there yet and resumed when it was
     * interrupted; returns its path.
     */
    public Path burnIn() throws Exception {
        Path dir = outDir.resolve("burn-in");
        Path ckpt = dir.resolve(RunFolder.LAST);
        long burnIn = config.semi().burnIn();
        TrainConfig sup = burnInConfig();
        Found f = found(dir, sup, burnIn, false);
        if (f == Found.FINISHED) {
            console.println("burn-in: reusing " + ckpt + " (same config, iteration " + burnIn + ")");
            return ckpt;
        }
        TrainingRequest start;
        if (f == Found.INTERRUPTED) {
            console.printf(Locale.ROOT, "== burn-in: resuming at iteration %d of %d ==%n",
                    Checkpoint.iterationOf(ckpt), burnIn);
            start = TrainingRequest.resume(dir, stored -> stored, null);
        } else {
            new RunFolder(dir).clear();
            console.printf(Locale.ROOT, "== burn-in: supervised, %d of %d iterations ==%n", burnIn, config.iterations());
            start = TrainingRequest.fresh(sup, dir);
        }
        TrainingSession.open(start.console(console).compute(compute)).progress(progress).runUntil(burnIn);
        return ckpt;
    }

    /**
     * Trains one variant from the burn-in (from scratch when its burn-in differs, as the oracle's)
     * and evaluates it on the report split. A variant whose folder already holds a finished run of
     * the same config (an earlier comparison, or the arm sharing its run) is evaluated without
     * training again; an interrupted one resumes from its checkpoint.
     */
    public Outcome run(Variant v, Path burnIn) throws Exception {
        long t0 = System.nanoTime();
        console.printf(Locale.ROOT, "== %s ==%n", v.name());
        TrainConfig c = config.with(v.overrides());
        Path dir = outDir.resolve(v.folder());
        Path last = dir.resolve(RunFolder.LAST);
        Path model = dir.resolve(RunFolder.MODEL);
        Evaluated stats;
        Found f = found(dir, c, c.iterations(), true);
        if (f == Found.FINISHED) {
            console.println("reusing the finished run " + dir);
            DetectorModel m = DetectorModel.load(model);
            // the student is only in the checkpoint; model.sedet holds the evaluated weights
            stats = evaluate(m.spec(), v.weights() == Variant.Weights.STUDENT
                    ? Checkpoint.load(last).params() : m.params(), dir, v);
        } else {
            TrainingRequest start;
            if (f == Found.INTERRUPTED) {
                console.printf(Locale.ROOT, "resuming the interrupted run %s at iteration %d%n", dir,
                        Checkpoint.iterationOf(last));
                // the stored config: the same run (sameRun), whatever keys its method does not read say
                start = TrainingRequest.resume(dir, stored -> stored, c.iterations());
            } else {
                new RunFolder(dir).clear();
                boolean sharesBurnIn = c.semi().burnInPart().equals(config.semi().burnInPart());
                start = sharesBurnIn ? TrainingRequest.fromCheckpoint(c, dir, burnIn) : TrainingRequest.fresh(c, dir);
            }
            TrainingSession s = TrainingSession.open(start.console(console).compute(compute)).progress(progress);
            s.run();
            stats = evaluate(s.state().spec(), v.weights() == Variant.Weights.STUDENT ? s.state().params()
                    : s.state().evaluatedParams(), dir, v);
        }
        System.gc(); // the variant's graphs hold gigabytes of native memory that only the collector releases
        double secs = (System.nanoTime() - t0) / 1e9;
        console.printf(Locale.ROOT, "[%s] %s: AP %.4f  AP50 %.4f  AP75 %.4f  (%.0f s)%n", v.name(), split.key,
                stats.stats().get("AP"), stats.stats().get("AP50"), stats.stats().get("AP75"), secs);
        console.flush();
        return new Outcome(v.name(), stats.stats(), secs, stats.matches());
    }

    private record Evaluated(Map<String, Double> stats, CocoEvaluator matches) {
    }

    /**
     * COCO stats of a model on the report split; the evaluation's details go to
     * {@code dir/<split>-eval.json} (the student's to {@code <split>-eval-student.json}) for the report.
     */
    private Evaluated evaluate(DetectorSpec spec, DetectorParams params, Path dir,
                               Variant v) throws java.io.IOException {
        DetectionSource source = reportSource(config, split);
        Predictor p = new Predictor(spec, params, config.input().height(),
                config.input().width(), config.evaluation(), config.batchSize(), compute);
        CocoEvaluator matches = SourceEvaluation.matches(p, source, SourceEvaluation.groundTruth(source, false));
        CocoEvalResult r = matches.accumulate();
        String file = split == Split.TEST ? EvalSummary.TEST_FILE : split.key + "-eval.json";
        if (v.weights() == Variant.Weights.STUDENT) {
            file = file.replace(".json", "-student.json");
        }
        EvalSummary.of(r, split.key, config.iterations(), source.size()).write(dir.resolve(file));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : REPORTED) {
            out.put(k, r.statsMap().get(k));
        }
        return new Evaluated(out, matches);
    }

    /**
     * The split results are reported on: the shapes test split (never trained or validated on), or
     * its validation split, which is the one to tune on.
     */
    public static DetectionSource reportSource(TrainConfig c, Split split) {
        if (!c.data().equals("shapes")) {
            throw new InputException("data", "a comparison reports on the shapes splits; data is '" + c.data() + "'");
        }
        return split == Split.TEST
                ? new ShapesDataset(c.seed(), ShapesDataset.Split.TEST, c.shapes().test(), c.shapes().imageSize())
                : new ShapesDataset(c.seed(), ShapesDataset.Split.VAL, c.shapes().val(), c.shapes().imageSize());
    }

    /** The held-out test split. */
    public static DetectionSource testSource(TrainConfig c) {
        return reportSource(c, Split.TEST);
    }

    /** The table printed at the end. */
    public static String table(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s", "method"));
        REPORTED.forEach(k -> b.append(String.format(Locale.ROOT, "%8s", k)));
        b.append(String.format(Locale.ROOT, "%9s%n", "time"));
        for (Outcome o : outcomes) {
            b.append(String.format(Locale.ROOT, "%-28s", o.name()));
            REPORTED.forEach(k -> b.append(String.format(Locale.ROOT, "%8.4f", o.stats().get(k))));
            b.append(String.format(Locale.ROOT, "%8.0fs%n", o.seconds()));
        }
        return b.toString();
    }

    /** Writes {@code {"name": {"AP": ..., ...}, ...}} atomically. */
    public static void write(Path file, List<Outcome> outcomes) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        for (Outcome o : outcomes) {
            ObjectNode n = root.putObject(o.name());
            o.stats().forEach(n::put);
        }
        InputFiles.writeAtomically(file, out -> out.write(json.writeValueAsBytes(root)));
    }
}
