package io.sedet.report;

import io.sedet.analysis.ModelAnalysis;
import io.sedet.backend.Compute;
import io.sedet.data.DetectionSource;
import io.sedet.eval.data.InputException;
import io.sedet.eval.io.InputFiles;
import io.sedet.predict.DetectorModel;
import io.sedet.train.DataSources;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the HTML report of runs ({@link HtmlReport}): reads them, draws the sample grid with each
 * run's model on the same images, and writes the page atomically.
 */
public final class Report {
    /** The report's file name in a run or demo folder. */
    public static final String FILE = "report.html";

    /**
     * What the sample grid draws.
     *
     * @param count    images (0: no grid)
     * @param minScore detections drawn score at least this
     * @param source   the images, or null for the validation data of the first run's config
     * @param label    how the page names {@code source} (ignored when it is null)
     */
    public record Samples(int count, double minScore, DetectionSource source, String label) {
        public static Samples validation(int count, double minScore) {
            return new Samples(count, minScore, null, null);
        }
    }

    /**
     * The paper's diagnostics, on the images of the sample grid.
     *
     * @param images    the source's first images (0: not computed)
     * @param threshold the pseudo-label score threshold
     */
    public record DiagnosticsSpec(int images, double threshold) {
        public static final DiagnosticsSpec NONE = new DiagnosticsSpec(0, 0.7);
    }

    private Report() {
    }

    /**
     * @param console where a run whose samples cannot be drawn is reported (the page says it too)
     */
    public static void write(String title, List<RunData> runs, Path out, Samples samples, Compute compute,
                             PrintWriter console) throws IOException {
        write(title, runs, out, samples, DiagnosticsSpec.NONE, compute, console);
    }

    public static void write(String title, List<RunData> runs, Path out, Samples samples, DiagnosticsSpec diag,
                             Compute compute, PrintWriter console) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs a run");
        }
        Map<String, List<SampleGallery.Panel>> panels = new LinkedHashMap<>();
        String note = drawSamples(runs, samples, compute, panels, console);
        Map<String, Diagnostics> diagnostics = new LinkedHashMap<>();
        String diagNote = diagnose(runs, samples, diag, compute, diagnostics, console);
        String page = new HtmlReport(title, runs, panels, note, diagnostics, diagNote).render();
        InputFiles.writeAtomically(out, o -> o.write(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static String diagnose(List<RunData> runs, Samples samples, DiagnosticsSpec diag, Compute compute,
                                   Map<String, Diagnostics> out, PrintWriter console) {
        if (diag.images() <= 0) {
            return "Not computed (sedet report --diagnostics N computes them on N images; "
                    + "sedet analyze scale|pseudo-labels prints them for one model).";
        }
        ImageSource src = source(runs, samples, console);
        if (src.source() == null) {
            return "Not computed: " + src.label();
        }
        for (RunData r : runs) {
            if (r.model() == null) {
                continue;
            }
            try {
                DetectorModel m = DetectorModel.load(r.model());
                out.put(r.name(), new Diagnostics(ModelAnalysis.scale(m, src.source(), diag.images(), 10, compute),
                        diag.threshold(), ModelAnalysis.pseudoLabels(m, src.source(), diag.images(),
                        new double[] {diag.threshold()}, compute)));
            } catch (InputException e) {
                console.println("report: diagnostics of " + r.name() + " not computed: " + e.getMessage());
            }
        }
        return String.format(Locale.ROOT, "On the first %d images of %s, each run's model (a teacher's or EMA's "
                + "parameters where the run kept them). Fig. 2b: every anchor pair SED matches across scales (level l "
                + "of the image, level l−1 of its 0.5× resize), binned by the largest difference of the class "
                + "probabilities; foreground pairs have IoU ≥ 0.5 with a true box. Fig. 2c: the detections (after NMS) "
                + "scoring at least %.2f as pseudo-labels, matched to the true boxes of their class at each IoU.",
                Math.min(diag.images(), src.source().size()), src.label(), diag.threshold());
    }

    /** The report's images: the given source, or the validation data of the first run with a model. */
    private record ImageSource(DetectionSource source, String label) {
    }

    private static ImageSource source(List<RunData> runs, Samples samples, PrintWriter console) {
        if (samples.source() != null) {
            return new ImageSource(samples.source(), samples.label());
        }
        RunData first = runs.stream().filter(r -> r.model() != null).findFirst().orElse(null);
        if (first == null) {
            return new ImageSource(null, "no run has a model or a checkpoint yet.");
        }
        try {
            DetectorModel m = DetectorModel.load(first.model());
            return new ImageSource(DataSources.open(m.config()).val(),
                    "the validation data of " + first.name() + " (" + m.config().data() + ")");
        } catch (InputException e) {
            console.println("report: the validation data of " + first.name() + " cannot be opened: " + e.getMessage());
            return new ImageSource(null, "the validation data of " + first.name() + " cannot be opened here: " + e.getMessage());
        }
    }

    private static String drawSamples(List<RunData> runs, Samples samples, Compute compute,
                                      Map<String, List<SampleGallery.Panel>> panels, PrintWriter console) {
        if (samples.count() <= 0) {
            return "Not drawn (--samples 0).";
        }
        ImageSource src = source(runs, samples, console);
        if (src.source() == null) {
            return "Not drawn: " + src.label();
        }
        DetectionSource source = src.source();
        String label = src.label();
        StringBuilder skipped = new StringBuilder();
        for (RunData r : runs) {
            if (r.model() == null) {
                skipped.append(skipped.length() == 0 ? "" : ", ").append(r.name());
                continue;
            }
            try {
                panels.put(r.name(), SampleGallery.draw(DetectorModel.load(r.model()), source, samples.count(),
                        samples.minScore(), compute));
            } catch (InputException e) {
                console.println("report: samples of " + r.name() + " not drawn: " + e.getMessage());
                skipped.append(skipped.length() == 0 ? "" : ", ").append(r.name()).append(" (").append(e.getMessage()).append(')');
            }
        }
        return String.format(Locale.ROOT, "The first %d images of %s: each run's detections scoring at least %.2f "
                + "(coloured by class, with class and score) over the ground truth (dashed white).%s",
                Math.min(samples.count(), source.size()), label, samples.minScore(),
                skipped.length() == 0 ? "" : " Not drawn (no model): " + skipped + ".");
    }
}
