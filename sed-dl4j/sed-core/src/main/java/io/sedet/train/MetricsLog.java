package io.sedet.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.config.TrainConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Logs training: every {@code logEvery} iterations one JSON line in {@code metrics.jsonl}
 * (iteration, lr, mean loss terms, mean diagnostics such as pseudo-boxes per image, images/s) and,
 * unless a live {@link ProgressView} bar shows progress on a terminal, one progress line on the console
 * ({@code [  420/2000]  21% loss 0.912 (cls 0.62 box 0.29) lr 9.8e-04  21.3 img/s  ETA 4m12s}).
 * Other hooks append their records (evaluation) through {@link #record}.
 */
public final class MetricsLog implements TrainHook {
    private final PrintWriter console;
    private BufferedWriter jsonl;
    private java.nio.file.Path metricsFile;
    private final Map<String, Double> sums = new java.util.LinkedHashMap<>();
    private final Map<String, Double> statSums = new java.util.LinkedHashMap<>();
    private int count;
    private double seconds;
    private int images;
    private long runStart;
    private long startIteration;
    private ProgressView view = ProgressView.LINES;

    public MetricsLog(PrintWriter console) {
        this.console = console;
    }

    /** Shows progress on {@code view} (a live bar replaces the periodic console lines). */
    public void view(ProgressView view) {
        this.view = view;
    }

    @Override
    public void beforeTrain(TrainState state) throws IOException {
        Files.createDirectories(state.outDir());
        metricsFile = state.outDir().resolve(RunFolder.METRICS);
        jsonl = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        runStart = System.nanoTime();
        startIteration = state.iteration();
        console.printf(Locale.ROOT, "training %s (%s) for %d iterations (from %d), batch %d, %d parameters -> %s%n",
                state.config().data(), state.config().semi().method().label(), state.config().iterations(),
                state.iteration(), state.config().batchSize(), state.params().numParameters(), state.outDir());
        console.flush();
        view.begin("train", state.iteration(), state.config().iterations());
    }

    @Override
    public void afterStep(TrainState state, StepRecord step) throws IOException {
        if (view.live()) {
            StringBuilder now = new StringBuilder(String.format(Locale.ROOT, "loss %.3f", step.losses().values().stream()
                    .mapToDouble(Double::doubleValue).sum()));
            step.losses().forEach((k, v) -> now.append(String.format(Locale.ROOT, " %s %.3f", k.replace("loss_", ""), v)));
            view.step(state.iteration(), now.toString());
        }
        step.losses().forEach((k, v) -> sums.merge(k, v, Double::sum));
        step.stats().forEach((k, v) -> statSums.merge(k, v, Double::sum));
        count++;
        seconds += step.seconds();
        images += step.images();
        long it = state.iteration();
        long total = state.config().iterations();
        if (it % state.config().logEvery() != 0 && it != total) {
            return;
        }
        ObjectNode o = TrainConfig.JSON.createObjectNode();
        o.put("iteration", it);
        o.put("lr", step.lr());
        double loss = 0;
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            o.put(e.getKey(), e.getValue() / count);
            loss += e.getValue() / count;
        }
        o.put("loss", loss);
        for (Map.Entry<String, Double> e : statSums.entrySet()) {
            o.put(e.getKey(), e.getValue() / count);
        }
        o.put("grad_norm", step.gradNorm());
        double ips = images / Math.max(1e-9, seconds);
        o.put("images_per_s", ips);
        o.put("time_s", (System.nanoTime() - runStart) / 1e9);
        record(o);
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        double eta = (total - it) * elapsed / Math.max(1, it - startIteration);
        StringBuilder terms = new StringBuilder();
        sums.forEach((k, v) -> terms.append(terms.length() == 0 ? "" : " ").append(k.replace("loss_", ""))
                .append(String.format(Locale.ROOT, " %.3f", v / count)));
        statSums.forEach((k, v) -> terms.append(" | ").append(k).append(String.format(Locale.ROOT, " %.2f", v / count)));
        if (!view.live()) {
            console.printf(Locale.ROOT, "[%6d/%d] %3d%% loss %.3f (%s) lr %.1e %6.1f img/s  ETA %s%n", it, total,
                    100 * it / total, loss, terms, step.lr(), ips, duration(eta));
            console.flush();
        }
        sums.clear();
        statSums.clear();
        count = 0;
        seconds = 0;
        images = 0;
    }

    /** Appends one JSON record to metrics.jsonl. */
    public void record(ObjectNode o) throws IOException {
        try {
            jsonl.write(TrainConfig.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(o));
            jsonl.newLine();
            jsonl.flush();
        } catch (IOException e) {
            // a line cut short is dropped when the run resumes (RunFolder.truncateMetrics)
            throw new io.sedet.io.OutputException(metricsFile, e);
        }
    }

    public PrintWriter console() {
        return console;
    }

    @Override
    public void afterTrain(TrainState state) throws IOException {
        view.close();
        closeFile();
    }

    /** Closes {@code metrics.jsonl} (also after a failed step, when {@link #afterTrain} does not run); idempotent. */
    public void closeFile() throws IOException {
        if (jsonl != null) {
            BufferedWriter w = jsonl;
            jsonl = null;
            w.close();
        }
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
