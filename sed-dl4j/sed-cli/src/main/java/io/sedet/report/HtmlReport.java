package io.sedet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sedet.predict.EvalSummary;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML page for one run or several side by side: no script, no network, the
 * charts (SVG) and drawings (PNG) embedded as data URLs. Sections, each a {@code <section id>}:
 * {@code runs}, {@code results}, {@code training}, {@code validation}, {@code per-class},
 * {@code pr-curves}, {@code diagnostics}, {@code samples}, {@code config}. Every number in a table carries
 * {@code data-run} and {@code data-metric} attributes with the full value, so a test or a script
 * can read the page back.
 */
public final class HtmlReport {
    /** The section ids, in page order. */
    public static final List<String> SECTIONS = List.of("runs", "results", "training", "validation", "per-class",
            "pr-curves", "diagnostics", "samples", "config");

    /** The summary numbers of the results table. */
    static final List<String> RESULT_METRICS = List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR100");

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String title;
    private final List<RunData> runs;
    private final Map<String, List<SampleGallery.Panel>> samples;
    private final String samplesNote;
    private final Map<String, Diagnostics> diagnostics;
    private final String diagnosticsNote;
    private final StringBuilder html = new StringBuilder(1 << 16);

    /**
     * @param samples     run name → drawn images (the same images for every run); may be empty
     * @param samplesNote what the sample grid shows (source and threshold), or why it is empty
     */
    public HtmlReport(String title, List<RunData> runs, Map<String, List<SampleGallery.Panel>> samples,
                      String samplesNote) {
        this(title, runs, samples, samplesNote, Map.of(), "Not computed.");
    }

    /**
     * @param diagnostics     run name → the paper's two diagnostics of its model; may be empty
     * @param diagnosticsNote on which images they were computed, or why they were not
     */
    public HtmlReport(String title, List<RunData> runs, Map<String, List<SampleGallery.Panel>> samples,
                      String samplesNote, Map<String, Diagnostics> diagnostics, String diagnosticsNote) {
        this.title = title;
        this.runs = List.copyOf(runs);
        this.samples = samples;
        this.samplesNote = samplesNote;
        this.diagnostics = diagnostics;
        this.diagnosticsNote = diagnosticsNote;
    }

    public String render() {
        html.setLength(0);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                .append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("; written ")
                .append(esc(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))))
                .append(" by sedet report</p>\n");
        runsSection();
        resultsSection();
        trainingSection();
        validationSection();
        perClassSection();
        prSection();
        diagnosticsSection();
        samplesSection();
        configSection();
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void runsSection() {
        open("runs", "Runs");
        html.append("<table>\n<tr><th>run</th><th>folder</th><th>method</th><th>iterations</th><th>machine and backend</th></tr>\n");
        for (RunData r : runs) {
            RunData.Series it = r.series("loss");
            String method = r.config() == null ? "?" : r.config().path("semi").path("method").asText("supervised");
            String total = r.config() == null ? "?" : r.config().path("iterations").asText("?");
            html.append("<tr><td>").append(runLabel(r)).append("</td><td><code>").append(esc(r.dir().toString()))
                    .append("</code></td><td>").append(esc(method)).append("</td><td>")
                    .append(it.isEmpty() ? "0" : String.format(Locale.ROOT, "%.0f", it.iterations()[it.iterations().length - 1]))
                    .append(" of ").append(esc(total)).append("</td><td>")
                    .append(r.environment() == null ? "not recorded" : esc(r.environment().line())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        close();
    }

    private void resultsSection() {
        open("results", "Results");
        html.append("<p>The final evaluation of each run: the held-out test split where a comparison evaluated one, "
                + "otherwise the latest validation. COCO metrics (pycocotools' definitions).</p>\n");
        html.append("<table class=\"num\">\n<tr><th>run</th><th>split</th><th>images</th><th>iteration</th>");
        RESULT_METRICS.forEach(m -> html.append("<th>").append(m).append("</th>"));
        html.append("</tr>\n");
        for (RunData r : runs) {
            EvalSummary e = r.finalEvaluation();
            html.append("<tr><td>").append(runLabel(r)).append("</td>");
            if (e == null) {
                html.append("<td colspan=\"").append(3 + RESULT_METRICS.size())
                        .append("\" class=\"empty\">no evaluation recorded</td></tr>\n");
                continue;
            }
            html.append("<td>").append(esc(e.split())).append("</td><td>").append(e.images()).append("</td><td>")
                    .append(e.iteration()).append("</td>");
            for (String m : RESULT_METRICS) {
                number(r.name(), m, e.stats().getOrDefault(m, -1.0));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        close();
    }

    private void trainingSection() {
        open("training", "Training");
        Set<String> losses = new LinkedHashSet<>();
        Set<String> diagnostics = new LinkedHashSet<>();
        for (RunData r : runs) {
            losses.addAll(r.lossKeys());
            diagnostics.addAll(r.diagnosticKeys());
        }
        html.append("<div class=\"charts\">\n");
        for (String key : losses) {
            chart(key.equals("loss") ? "total loss" : key, "iteration", key, lines(key), Charts.Bounds.DATA, false);
        }
        chart("learning rate", "iteration", "lr", lines("lr"), Charts.Bounds.DATA, false);
        for (String key : diagnostics) {
            chart(key, "iteration", key, lines(key), Charts.Bounds.DATA, false);
        }
        chart("gradient norm", "iteration", "grad_norm", lines("grad_norm"), Charts.Bounds.DATA, true);
        chart("throughput", "iteration", "images/s", lines("images_per_s"), Charts.Bounds.DATA, false);
        html.append("</div>\n");
        close();
    }

    private void validationSection() {
        open("validation", "Validation over training");
        html.append("<div class=\"charts\">\n");
        chart("validation AP (IoU .50:.95)", "iteration", "AP", lines("val_AP"), Charts.Bounds.DATA, false);
        chart("validation AP50", "iteration", "AP50", lines("val_AP50"), Charts.Bounds.DATA, false);
        html.append("</div>\n");
        close();
    }

    private void perClassSection() {
        open("per-class", "AP per class");
        Map<String, Map<String, EvalSummary.ClassAp>> byClass = new LinkedHashMap<>();
        for (RunData r : runs) {
            EvalSummary e = r.finalEvaluation();
            if (e != null) {
                for (EvalSummary.ClassAp c : e.classes()) {
                    byClass.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).put(r.name(), c);
                }
            }
        }
        if (byClass.isEmpty()) {
            html.append("<p class=\"empty\">no evaluation recorded</p>\n");
            close();
            return;
        }
        html.append("<table class=\"num\">\n<tr><th rowspan=\"2\">class</th>");
        runs.forEach(r -> html.append("<th colspan=\"2\">").append(runLabel(r)).append("</th>"));
        html.append("</tr>\n<tr>");
        runs.forEach(r -> html.append("<th>AP</th><th>AP50</th>"));
        html.append("</tr>\n");
        for (Map.Entry<String, Map<String, EvalSummary.ClassAp>> e : byClass.entrySet()) {
            html.append("<tr><td>").append(esc(e.getKey())).append("</td>");
            for (RunData r : runs) {
                EvalSummary.ClassAp c = e.getValue().get(r.name());
                number(r.name(), "AP:" + e.getKey(), c == null ? -1 : c.ap());
                number(r.name(), "AP50:" + e.getKey(), c == null ? -1 : c.ap50());
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">— : no evaluation recorded, or no ground truth of the class in the evaluated images.</p>\n");
        close();
    }

    private void prSection() {
        open("pr-curves", "Precision–recall");
        html.append("<p>Precision at each recall threshold of the final evaluation, averaged over the classes "
                + "(area all, 100 detections per image), as COCO's AP averages it.</p>\n<div class=\"charts\">\n");
        for (double iou : EvalSummary.CURVE_IOUS) {
            String key = EvalSummary.curveKey(iou);
            List<Charts.Line> lines = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                EvalSummary e = runs.get(i).finalEvaluation();
                EvalSummary.PrCurve c = e == null ? null : e.curves().get(key);
                if (c == null) {
                    continue;
                }
                List<double[]> pts = new ArrayList<>();
                for (int q = 0; q < c.recall().length; q++) {
                    if (c.precision()[q] >= 0) {
                        pts.add(new double[] {c.recall()[q], c.precision()[q]});
                    }
                }
                lines.add(new Charts.Line(runs.get(i).name(), i, pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray()));
            }
            chart("IoU " + key, "recall", "precision", lines, Charts.Bounds.UNIT, false);
        }
        html.append("</div>\n");
        close();
    }

    private void diagnosticsSection() {
        open("diagnostics", "Diagnostics (SED paper, Fig. 2b and 2c)");
        html.append("<p>").append(esc(diagnosticsNote)).append("</p>\n");
        if (diagnostics.isEmpty()) {
            close();
            return;
        }
        List<Charts.Line> scale = new ArrayList<>();
        List<Charts.Line> recall = new ArrayList<>();
        List<Charts.Line> precision = new ArrayList<>();
        html.append("<table class=\"num\">\n<tr><th>run</th><th>mean score distance, foreground</th>"
                + "<th>mean score distance, background</th><th>pairs per image</th><th>pseudo-label threshold</th>"
                + "<th>recall at IoU 0.5</th><th>precision at IoU 0.5</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            Diagnostics d = diagnostics.get(r.name());
            if (d == null) {
                continue;
            }
            var sc = d.scale();
            double[] centres = new double[sc.foregroundPerImage().length];
            double pairs = 0;
            for (int b = 0; b < centres.length; b++) {
                centres[b] = (sc.edges()[b] + sc.edges()[b + 1]) / 2;
                pairs += sc.foregroundPerImage()[b] + sc.backgroundPerImage()[b];
            }
            scale.add(new Charts.Line(r.name() + " foreground", i, centres, sc.foregroundPerImage(), false));
            scale.add(new Charts.Line(r.name() + " background", i, centres, sc.backgroundPerImage(), true));
            // undefined points (no detection above the threshold: precision; no true box: recall) are left out
            var withRecall = d.pseudo().stream().filter(x -> x.recall() >= 0).toList();
            var withPrecision = d.pseudo().stream().filter(x -> x.precision() >= 0).toList();
            recall.add(new Charts.Line(r.name(), i, withRecall.stream().mapToDouble(x -> x.iou()).toArray(),
                    withRecall.stream().mapToDouble(x -> x.recall()).toArray()));
            precision.add(new Charts.Line(r.name(), i, withPrecision.stream().mapToDouble(x -> x.iou()).toArray(),
                    withPrecision.stream().mapToDouble(x -> x.precision()).toArray()));
            var at50 = d.pseudo().stream().filter(x -> Math.abs(x.iou() - 0.5) < 1e-9).findFirst().orElse(null);
            html.append("<tr><td>").append(runLabel(r)).append("</td>");
            number(r.name(), "scale_fg_distance", sc.meanForegroundDistance());
            number(r.name(), "scale_bg_distance", sc.meanBackgroundDistance());
            number(r.name(), "scale_pairs_per_image", pairs, "%.0f");
            number(r.name(), "pseudo_threshold", d.threshold());
            number(r.name(), "pseudo_recall_50", at50 == null ? -1 : at50.recall());
            number(r.name(), "pseudo_precision_50", at50 == null ? -1 : at50.precision());
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Scale pairs: solid lines foreground, dashed background "
                + "(log scale; empty bins left out).</p>\n<div class=\"charts\">\n");
        chart("scale pairs by score distance", "max_c |p_c(I) - p_c(I/2)|",
                "anchor pairs per image", scale, new Charts.Bounds(0, 1, Double.NaN, Double.NaN), true);
        chart("pseudo-label recall", "IoU with the ground truth", "recall", nonEmpty(recall), Charts.Bounds.UNIT, false);
        chart("pseudo-label precision", "IoU with the ground truth", "precision", nonEmpty(precision), Charts.Bounds.UNIT,
                false);
        html.append("</div>\n");
        close();
    }

    private void samplesSection() {
        open("samples", "Sample predictions");
        html.append("<p>").append(esc(samplesNote)).append("</p>\n");
        for (RunData r : runs) {
            List<SampleGallery.Panel> panels = samples.getOrDefault(r.name(), List.of());
            if (panels.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(runLabel(r)).append("</h3>\n<div class=\"grid\">\n");
            for (SampleGallery.Panel p : panels) {
                html.append("<figure><img alt=\"").append(esc(r.name() + " on " + p.imageId()))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(p.png()))
                        .append("\"><figcaption>").append(esc(p.imageId())).append(": ").append(p.detections())
                        .append(" detected, ").append(p.truth()).append(" true</figcaption></figure>\n");
            }
            html.append("</div>\n");
        }
        close();
    }

    private void configSection() {
        open("config", "Configuration");
        for (RunData r : runs) {
            html.append("<details><summary>").append(runLabel(r)).append(": config.json</summary><pre>");
            try {
                html.append(r.config() == null ? "not recorded" : escText(PRETTY.writeValueAsString(r.config())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                html.append("unreadable: ").append(esc(e.getMessage()));
            }
            html.append("</pre></details>\n");
        }
        close();
    }

    private static List<Charts.Line> nonEmpty(List<Charts.Line> lines) {
        return lines.stream().filter(l -> l.x().length > 0).toList();
    }

    /** One line per run of the series {@code key} (runs without it are left out). */
    private List<Charts.Line> lines(String key) {
        List<Charts.Line> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunData.Series s = runs.get(i).series(key);
            if (!s.isEmpty()) {
                out.add(new Charts.Line(runs.get(i).name(), i, s.iterations(), s.values()));
            }
        }
        return out;
    }

    private void chart(String chartTitle, String x, String y, List<Charts.Line> lines, Charts.Bounds bounds, boolean logY) {
        html.append("<figure class=\"chart\" data-chart=\"").append(esc(chartTitle)).append("\">");
        if (lines.isEmpty()) {
            html.append("<div class=\"empty\">").append(esc(chartTitle)).append(": nothing to draw (not logged, or undefined)</div>");
        } else {
            String svg = Charts.svg(chartTitle, x, y, lines, bounds, logY);
            html.append("<img alt=\"").append(esc(chartTitle)).append("\" width=\"").append(Charts.WIDTH)
                    .append("\" height=\"").append(Charts.HEIGHT).append("\" src=\"data:image/svg+xml;base64,")
                    .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8))).append("\">");
        }
        html.append("</figure>\n");
    }

    private void number(String run, String metric, double v) {
        number(run, metric, v, "%.4f");
    }

    /** A table cell with the full value in data-value; a negative value (undefined) shows as "—". */
    private void number(String run, String metric, double v, String format) {
        html.append("<td data-run=\"").append(esc(run)).append("\" data-metric=\"").append(esc(metric))
                .append("\" data-value=\"").append(v).append("\">")
                .append(v < 0 ? "—" : String.format(Locale.ROOT, format, v)).append("</td>");
    }

    private String runLabel(RunData r) {
        int i = runs.indexOf(r);
        String c = Charts.css(i);
        return "<span class=\"swatch\" style=\"background:" + c + "\"></span>" + esc(r.name());
    }

    private void open(String id, String heading) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    }

    private void close() {
        html.append("</section>\n");
    }

    /** Escapes element text (quotes may stay). */
    static String escText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escapes text and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1240px; color: #222; padding: 0 16px; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 1.6em; }
            h3 { font-size: 1em; margin: 1em 0 0.4em; }
            .meta, .note { color: #666; font-size: 0.9em; }
            table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            table.num td[data-value] { text-align: right; font-variant-numeric: tabular-nums; }
            .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; }
            figure { margin: 0; }
            figure.chart img { max-width: 100%; height: auto; border: 1px solid #eee; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
            .grid img { width: 100%; height: auto; image-rendering: auto; border: 1px solid #ddd; }
            figcaption { font-size: 0.8em; color: #555; }
            .empty { color: #999; font-style: italic; padding: 8px; }
            pre { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 0.8em; }
            """;
}
