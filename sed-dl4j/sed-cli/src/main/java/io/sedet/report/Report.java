package io.sedet.report;

import io.sedet.analysis.ModelAnalysis;
import io.sedet.backend.Compute;
import io.sedet.data.DetectionSource;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.predict.DetectorModel;
import io.sedet.session.DataSources;

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
        Map<String, Diagnostics> diagnostics = new LinkedHashMap<>();
        String samplesNote;
        String diagNote;
        if (samples.count() <= 0 && diag.images() <= 0) {
            samplesNote = SAMPLES_OFF;
            diagNote = DIAGNOSTICS_OFF;
        } else {
            // each model and the images are read once, for both the grid and the diagnostics
            Map<String, DetectorModel> models = models(runs, console);
            ImageSource src = source(runs, models, samples, console);
            samplesNote = samples.count() <= 0 ? SAMPLES_OFF : src.source() == null ? "Not drawn: " + src.label()
                    : drawSamples(runs, models, src, samples, compute, panels);
            diagNote = diag.images() <= 0 ? DIAGNOSTICS_OFF : src.source() == null ? "Not computed: " + src.label()
                    : diagnose(runs, models, src, diag, compute, diagnostics);
        }
        String page = new HtmlReport(title, runs, panels, samplesNote, diagnostics, diagNote).render();
        InputFiles.writeAtomically(out, o -> o.write(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String SAMPLES_OFF = "Not drawn (--samples 0).";
    private static final String DIAGNOSTICS_OFF = "Not computed (sedet report --diagnostics N computes them on N images; "
            + "sedet analyze scale|pseudo-labels prints them for one model).";

    /** Each run's model, by run name; a run without one, or whose file is not a model, is left out (and said). */
    private static Map<String, DetectorModel> models(List<RunData> runs, PrintWriter console) {
        Map<String, DetectorModel> out = new LinkedHashMap<>();
        for (RunData r : runs) {
            if (r.model() == null) {
                continue;
            }
            try {
                out.put(r.name(), DetectorModel.load(r.model()));
            } catch (InputException e) {
                console.println("report: the model of " + r.name() + " is not drawn or analysed: " + e.getMessage());
            }
        }
        return out;
    }

    /** The report's images: the given source, or the validation data of the first run with a model. */
    private record ImageSource(DetectionSource source, String label) {
    }

    private static ImageSource source(List<RunData> runs, Map<String, DetectorModel> models, Samples samples,
                                      PrintWriter console) {
        if (samples.source() != null) {
            return new ImageSource(samples.source(), samples.label());
        }
        if (models.isEmpty()) {
            return new ImageSource(null, "no run has a model or a checkpoint yet.");
        }
        Map.Entry<String, DetectorModel> first = models.entrySet().iterator().next();
        try {
            return new ImageSource(DataSources.open(first.getValue().config()).val(),
                    "the validation data of " + first.getKey() + " (" + first.getValue().config().data() + ")");
        } catch (InputException e) {
            console.println("report: the validation data of " + first.getKey() + " cannot be opened: " + e.getMessage());
            return new ImageSource(null, "the validation data of " + first.getKey() + " cannot be opened here: "
                    + e.getMessage());
        }
    }

    private static String drawSamples(List<RunData> runs, Map<String, DetectorModel> models, ImageSource src,
                                      Samples samples, Compute compute, Map<String, List<SampleGallery.Panel>> panels) {
        StringBuilder skipped = new StringBuilder();
        for (RunData r : runs) {
            DetectorModel m = models.get(r.name());
            if (m == null) {
                skipped.append(skipped.length() == 0 ? "" : ", ").append(r.name());
                continue;
            }
            panels.put(r.name(), SampleGallery.draw(m, src.source(), samples.count(), samples.minScore(), compute));
        }
        return String.format(Locale.ROOT, "The first %d images of %s: each run's detections scoring at least %.2f "
                + "(coloured by class, with class and score) over the ground truth (dashed white).%s",
                Math.min(samples.count(), src.source().size()), src.label(), samples.minScore(),
                skipped.length() == 0 ? "" : " Not drawn (no model): " + skipped + ".");
    }

    private static String diagnose(List<RunData> runs, Map<String, DetectorModel> models, ImageSource src,
                                   DiagnosticsSpec diag, Compute compute, Map<String, Diagnostics> out) {
        for (RunData r : runs) {
            DetectorModel m = models.get(r.name());
            if (m != null) {
                out.put(r.name(), new Diagnostics(ModelAnalysis.scale(m, src.source(), diag.images(), 10, compute),
                        diag.threshold(), ModelAnalysis.pseudoLabels(m, src.source(), diag.images(),
                        new double[] {diag.threshold()}, compute)));
            }
        }
        return String.format(Locale.ROOT, "On the first %d images of %s, each run's model (a teacher's or EMA's "
                + "parameters where the run kept them). Fig. 2b: every anchor pair SED matches across scales (level l "
                + "of the image, level l−1 of its 0.5× resize), binned by the largest difference of the class "
                + "probabilities; foreground pairs have IoU ≥ 0.5 with a true box. Fig. 2c: the detections (after NMS) "
                + "scoring at least %.2f as pseudo-labels, matched to the true boxes of their class at each IoU.",
                Math.min(diag.images(), src.source().size()), src.label(), diag.threshold());
    }
}
