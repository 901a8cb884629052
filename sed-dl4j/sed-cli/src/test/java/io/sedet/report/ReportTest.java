package io.sedet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.predict.EvalSummary;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of real (tiny) training runs: its sections, and its numbers equal to the files they come from. */
public class ReportTest {
    @TempDir
    static Path dir;

    static Path runA;
    static Path runB;

    @BeforeAll
    static void train() throws Exception {
        List<Path> runs = trainTwo(dir);
        runA = runs.get(0);
        runB = runs.get(1);
    }

    /** Two tiny runs in {@code dir}: "a" (4 iterations) and "b" (another seed, 3 iterations). */
    static List<Path> trainTwo(Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(4), a)).run();
        Map<String, String> o = TinyRuns.overrides(3);
        o.put("seed", "7");
        TrainingSession.open(TrainingRequest.fresh(TrainConfig.preset("shapes-small", o), b)).run();
        return List.of(a, b);
    }

    /** Writes the report of {@code dirs} with {@code samples} drawn images and returns the page. */
    static String report(Path out, int samples, Path... dirs) throws Exception {
        return report(out, samples, 0, dirs);
    }

    /** ... and the diagnostics on {@code diagnostics} images. */
    static String report(Path out, int samples, int diagnostics, Path... dirs) throws Exception {
        List<RunData> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunData.read(d, d.getFileName().toString()));
        }
        Report.write("test report", runs, out, Report.Samples.validation(samples, 0.0),
                new Report.DiagnosticsSpec(diagnostics, 0.1), Compute.reference(), new PrintWriter(new StringWriter()));
        return Files.readString(out);
    }

    /** data-value of the cell of {@code run} and {@code metric}. */
    public static double cell(String html, String run, String metric) {
        Matcher m = Pattern.compile("data-run=\"" + Pattern.quote(run) + "\" data-metric=\"" + Pattern.quote(metric)
                + "\" data-value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no cell " + run + " / " + metric);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aRunsEvaluationIsKeptBesideIt() throws Exception {
        EvalSummary e = EvalSummary.readIfPresent(runA.resolve(EvalSummary.VAL_FILE));
        assertNotNull(e);
        assertEquals(4, e.iteration());
        assertEquals("val", e.split());
        assertEquals(4, e.images());
        assertEquals(5, e.classes().size());
        // the stored summary numbers are the ones the metrics log recorded for the same evaluation
        JsonNode last = null;
        for (String line : Files.readAllLines(runA.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("val_AP")) {
                last = n;
            }
        }
        assertNotNull(last);
        assertEquals(last.get("val_AP").asDouble(), e.stats().get("AP"), 0);
        assertEquals(last.get("val_AP50").asDouble(), e.stats().get("AP50"), 0);
        // curves: 101 recall thresholds, precision in [0, 1] or -1 (no class with ground truth)
        for (String k : List.of("0.50", "0.75")) {
            EvalSummary.PrCurve c = e.curves().get(k);
            assertEquals(101, c.recall().length);
            for (double p : c.precision()) {
                assertTrue(p == -1 || (p >= 0 && p <= 1), k + ": " + p);
            }
        }
        assertTrue(Files.exists(runA.resolve("environment.json")));
    }

    @Test
    void oneRunHasEverySectionAndTheNumbersItCameFrom() throws Exception {
        String html = report(dir.resolve("one.html"), 3, runA);
        for (String id : HtmlReport.SECTIONS) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        EvalSummary e = EvalSummary.readIfPresent(runA.resolve(EvalSummary.VAL_FILE));
        for (String m : HtmlReport.RESULT_METRICS) {
            assertEquals(e.stats().get(m), cell(html, "a", m), 0, m);
        }
        for (EvalSummary.ClassAp c : e.classes()) {
            assertEquals(c.ap(), cell(html, "a", "AP:" + c.name()), 0, c.name());
            assertEquals(c.ap50(), cell(html, "a", "AP50:" + c.name()), 0, c.name());
        }
        // self-contained: nothing is fetched, every image is embedded
        assertFalse(html.contains("http:") || html.contains("https:"), "a network reference");
        assertFalse(html.contains("<script"), "a script");
        List<String> images = images(html);
        long drawings = images.stream().filter(s -> s.startsWith("data:image/png;base64,")).count();
        assertEquals(3, drawings, "three sample drawings");
        List<String> charts = images.stream().filter(s -> s.startsWith("data:image/svg+xml;base64,")).toList();
        // total loss, cls, box, lr, grad norm, throughput, val AP, val AP50, 2 PR curves
        assertTrue(charts.size() >= 10, charts.size() + " charts");
        for (String c : charts) {
            String svg = new String(Base64.getDecoder().decode(c.substring(c.indexOf(',') + 1)), StandardCharsets.UTF_8);
            assertTrue(svg.contains("<svg") && svg.contains("</svg>"), "an SVG document");
        }
        for (String src : images) {
            assertTrue(src.startsWith("data:image/"), "embedded: " + src.substring(0, Math.min(40, src.length())));
        }
        assertTrue(html.contains("\"data\" : \"shapes\""), "the config is shown");
    }

    @Test
    void severalRunsSideBySide() throws Exception {
        String html = report(dir.resolve("two.html"), 2, runA, runB);
        assertEquals(4, images(html).stream().filter(s -> s.startsWith("data:image/png")).count(), "2 images x 2 runs");
        EvalSummary b = EvalSummary.readIfPresent(runB.resolve(EvalSummary.VAL_FILE));
        assertEquals(3, b.iteration());
        assertEquals(b.stats().get("AP50"), cell(html, "b", "AP50"), 0);
        assertTrue(cell(html, "a", "AP") >= -1);
        // the same images for both runs, in the same order
        Matcher m = Pattern.compile("<figcaption>([^:]+):").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(ids.subList(0, 2), ids.subList(2, 4));
    }

    /** The paper's diagnostics of each model: every scale pair counted, the pseudo-label numbers shown. */
    @Test
    void diagnosticsOfEachModel() throws Exception {
        String html = report(dir.resolve("diag.html"), 0, 2, runA, runB);
        var spec = TinyRuns.config(1).detectorSpec(5);
        int pairs = io.sedet.semisup.LevelPairing.scaleEquivalent(spec.anchors(), 128, 128).count();
        for (String run : List.of("a", "b")) {
            assertEquals(pairs, cell(html, run, "scale_pairs_per_image"), 1e-6, run);
            assertEquals(0.1, cell(html, run, "pseudo_threshold"), 0);
            double recall = cell(html, run, "pseudo_recall_50");
            assertTrue(recall >= 0 && recall <= 1, run + " recall " + recall);
        }
        assertTrue(html.contains("pseudo-label recall"));
        assertTrue(html.contains("Not drawn (--samples 0)."));
    }

    @Test
    void aRunWithoutEvaluationOrModelStillReports() throws Exception {
        Path bare = dir.resolve("bare");
        Files.createDirectories(bare);
        Files.writeString(bare.resolve("metrics.jsonl"),
                "{\"iteration\":1,\"lr\":0.001,\"loss_cls\":1.0,\"loss_box\":0.5,\"loss\":1.5}\n{\"iteration\":2,\"lo");
        String html = report(dir.resolve("bare.html"), 2, bare);
        assertTrue(html.contains("no evaluation recorded"));
        assertTrue(html.contains("Not drawn: no run has a model"));
        assertTrue(images(html).size() >= 3, "the loss charts of the one complete record");
    }

    @Test
    void notARunFolderIsAnInputError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InputException e = assertThrows(InputException.class, () -> RunData.read(empty, "empty"));
        assertTrue(e.getMessage().contains("not a training run folder"), e.getMessage());
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("metrics.jsonl"), "{\"iteration\":1}\nnot json\n{\"iteration\":3}\n");
        e = assertThrows(InputException.class, () -> RunData.read(broken, "broken"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    static List<String> images(String html) {
        Matcher m = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
