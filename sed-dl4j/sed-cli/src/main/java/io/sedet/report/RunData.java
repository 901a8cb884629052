package io.sedet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.io.InputException;
import io.sedet.predict.EvalSummary;
import io.sedet.session.RunEnvironment;
import io.sedet.train.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report shows of one training run, read from its folder: the config, every record of
 * {@code metrics.jsonl}, the latest validation and (for a comparison's variant) the test-split
 * evaluation, the machine it ran on, and the model file to draw predictions with.
 *
 * @param name        the label of the run in the report (by default its folder's name)
 * @param config      {@code config.json} as written
 * @param records     the metrics log, one node per line, in file order
 * @param val         the latest validation, or null (a run without one, or from before eval.json)
 * @param test        the test-split evaluation of a comparison, or null
 * @param environment the machine and backend, or null (a run from before environment.json)
 * @param model       {@code model.sedet}, else {@code last.ckpt}, else null
 */
public record RunData(String name, Path dir, JsonNode config, List<JsonNode> records, EvalSummary val,
                      EvalSummary test, RunEnvironment environment, Path model) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys of step records that are not loss terms or diagnostics to plot. */
    private static final Set<String> BOOKKEEPING = Set.of("iteration", "lr", "grad_norm", "images_per_s", "time_s");

    /** A series of one key over iterations. */
    public record Series(double[] iterations, double[] values) {
        public boolean isEmpty() {
            return iterations.length == 0;
        }
    }

    /** Reads the run in {@code dir}; a folder that holds no run (no metrics log) is an input error. */
    public static RunData read(Path dir, String name) {
        RunFolder folder = new RunFolder(dir);
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir, "no such run folder");
        }
        if (!Files.exists(folder.metrics())) {
            throw new InputException(dir, "is not a training run folder (no " + RunFolder.METRICS + ")");
        }
        JsonNode config = null;
        if (Files.exists(folder.config())) {
            try {
                config = JSON.readTree(folder.config().toFile());
            } catch (IOException e) {
                throw new InputException(folder.config(), "malformed JSON: " + e.getMessage());
            }
        }
        List<JsonNode> records = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.metrics());
        } catch (IOException e) {
            throw new InputException(folder.metrics(), "cannot read: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.isObject() || !n.has("iteration")) {
                    throw new IOException("not a metrics record (an object with an iteration)");
                }
                records.add(n);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break; // a line a killed run left half written
                }
                throw new InputException(folder.metrics(), "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        Path model = Files.exists(folder.model()) ? folder.model() : Files.exists(folder.last()) ? folder.last() : null;
        return new RunData(name, dir, config, List.copyOf(records), EvalSummary.readIfPresent(dir.resolve(EvalSummary.VAL_FILE)),
                EvalSummary.readIfPresent(dir.resolve(EvalSummary.TEST_FILE)),
                RunEnvironment.readIfPresent(folder.environment()), model);
    }

    /** The values of {@code key} over iterations, from the records that hold it as a number. */
    public Series series(String key) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode r : records) {
            JsonNode v = r.get(key);
            if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                points.add(new double[] {r.get("iteration").asDouble(), v.asDouble()});
            }
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Series(x, y);
    }

    /** The loss terms logged by training steps ({@code loss}, then {@code loss_*}), in log order. */
    public List<String> lossKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("loss");
        for (JsonNode r : records) {
            r.fieldNames().forEachRemaining(k -> {
                if (k.startsWith("loss_")) {
                    keys.add(k);
                }
            });
        }
        return keys.stream().filter(k -> !series(k).isEmpty()).toList();
    }

    /**
     * The other numbers steps log (e.g. {@code pseudo_boxes_per_image}): not a loss term, not a
     * validation or evaluation field, not bookkeeping.
     */
    public List<String> diagnosticKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode r : records) {
            if (!r.has("loss")) {
                continue;
            }
            r.fieldNames().forEachRemaining(k -> {
                if (!k.equals("loss") && !k.startsWith("loss_") && !BOOKKEEPING.contains(k) && !k.startsWith("val_")
                        && !k.startsWith("eval_")) {
                    keys.add(k);
                }
            });
        }
        return List.copyOf(keys);
    }

    /** The evaluation the report's results show: the test split where there is one, else the latest validation. */
    public EvalSummary finalEvaluation() {
        return test != null ? test : val;
    }
}
