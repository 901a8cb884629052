package io.sedet.experiment;

import io.sedet.eval.data.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.backend.Compute;
import io.sedet.data.DetectionSource;
import io.sedet.data.ShapesDataset;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.io.InputFiles;
import io.sedet.predict.Predictor;
import io.sedet.predict.SourceEvaluation;
import io.sedet.train.RunFolder;
import io.sedet.train.TrainConfig;
import io.sedet.train.TrainingSession;

import java.io.PrintWriter;
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
    /** COCO stats of one variant on the test split, and its wall time. */
    public record Outcome(String name, Map<String, Double> stats, double seconds) {
    }

    /** The six COCO numbers reported per method. */
    public static final List<String> REPORTED = List.of("AP", "AP50", "AP75", "APs", "APm", "APl");

    private final TrainConfig config;
    private final Path outDir;
    private final PrintWriter console;
    private final Compute compute;

    private io.sedet.train.ProgressView progress = io.sedet.train.ProgressView.LINES;

    /** Shows each run's progress on {@code view} (a live bar on a terminal). */
    public Comparison progress(io.sedet.train.ProgressView view) {
        this.progress = view;
        return this;
    }

    public Comparison(TrainConfig config, Path outDir, PrintWriter console, Compute compute) {
        this.config = config;
        this.outDir = outDir;
        this.console = console;
        this.compute = compute;
    }

    /** The burn-in checkpoint, trained when it is not there yet; returns its path. */
    public Path burnIn() throws Exception {
        Path dir = outDir.resolve("burn-in");
        Path ckpt = dir.resolve(RunFolder.LAST);
        long burnIn = config.semi().burnIn();
        TrainConfig sup = config.withSemi(config.semi().burnInPart());
        if (java.nio.file.Files.exists(ckpt)) {
            io.sedet.train.Checkpoint.Content c = io.sedet.train.Checkpoint.load(ckpt);
            if (c.iteration() == burnIn && c.config().toJson().equals(sup.toJson())) {
                console.println("burn-in: reusing " + ckpt + " (same config, iteration " + burnIn + ")");
                return ckpt;
            }
        }
        new RunFolder(dir).clear();
        console.printf(Locale.ROOT, "== burn-in: supervised, %d of %d iterations ==%n", burnIn, config.iterations());
        TrainingSession.create(sup, dir, TrainingSession.Start.FRESH, null, console, compute).progress(progress)
                .runUntil(burnIn);
        return ckpt;
    }

    /**
     * Trains one variant from the burn-in and evaluates it on the test split. A variant whose
     * folder already holds a finished model of the same config (an earlier comparison, e.g. the
     * methods before {@code --ablation}) is evaluated without training again.
     */
    public Outcome run(Variant v, Path burnIn) throws Exception {
        long t0 = System.nanoTime();
        console.printf(Locale.ROOT, "== %s ==%n", v.name());
        TrainConfig c = config.with(v.overrides());
        Path dir = outDir.resolve(v.folder());
        Path model = dir.resolve(RunFolder.MODEL);
        Map<String, Double> stats;
        io.sedet.predict.DetectorModel finished = java.nio.file.Files.exists(model)
                ? io.sedet.predict.DetectorModel.load(model) : null;
        if (finished != null && finished.config().toJson().equals(c.toJson())) {
            console.println("reusing the finished model " + model);
            stats = test(finished.spec(), finished.params(), dir);
        } else {
            new RunFolder(dir).clear();
            TrainingSession s = TrainingSession.create(c, dir, TrainingSession.Start.FROM_CHECKPOINT, burnIn, console,
                    compute).progress(progress);
            s.run();
            stats = test(s.state().spec(), s.state().evaluatedParams(), dir);
        }
        System.gc(); // the variant's graphs hold gigabytes of native memory that only the collector releases
        double secs = (System.nanoTime() - t0) / 1e9;
        console.printf(Locale.ROOT, "[%s] test: AP %.4f  AP50 %.4f  AP75 %.4f  (%.0f s)%n", v.name(), stats.get("AP"),
                stats.get("AP50"), stats.get("AP75"), secs);
        console.flush();
        return new Outcome(v.name(), stats, secs);
    }

    /**
     * COCO stats of a model on the test split; the evaluation's details go to
     * {@code dir/test-eval.json} for the report.
     */
    Map<String, Double> test(io.sedet.model.DetectorSpec spec, io.sedet.model.DetectorParams params, Path dir)
            throws java.io.IOException {
        DetectionSource test = testSource(config);
        Predictor p = new Predictor(spec, params, config.input().height(),
                config.input().width(), config.evaluation(), config.batchSize(), compute);
        CocoEvalResult r = SourceEvaluation.evaluate(p, test, SourceEvaluation.groundTruth(test, false));
        io.sedet.predict.EvalSummary.of(r, "test", config.iterations(), test.size())
                .write(dir.resolve(io.sedet.predict.EvalSummary.TEST_FILE));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : REPORTED) {
            out.put(k, r.statsMap().get(k));
        }
        return out;
    }

    /** The held-out split results are reported on: the shapes TEST split (never trained or validated on). */
    public static DetectionSource testSource(TrainConfig c) {
        if (!c.data().equals("shapes")) {
            throw new InputException("data", "a comparison reports on the shapes test split; data is '" + c.data() + "'");
        }
        return new ShapesDataset(c.seed(), ShapesDataset.Split.TEST, c.shapes().test(), c.shapes().imageSize());
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
