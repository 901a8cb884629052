package io.sedet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.analysis.ModelAnalysis;
import io.sedet.analysis.PseudoLabelQuality;
import io.sedet.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sedet analyze pseudo-labels --model M [--data D] --threshold 0.7 [--json]}: the paper's Fig. 2c. */
@Command(name = "pseudo-labels", mixinStandardHelpOptions = true,
        description = {"Quality of thresholded pseudo-labels (SED paper, Fig. 2c): the model's detections after NMS",
            "scoring at least the threshold, against the ground truth of the same class at IoU 0.1 ... 0.9:",
            "recall and precision, per threshold."})
public final class AnalyzePseudoLabelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options = new AnalysisOptions();

    @Option(names = "--threshold", split = ",", paramLabel = "T",
            description = "Score thresholds, e.g. 0.5,0.7,0.9 (default: 0.7).")
    List<Double> thresholds = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        double[] t = thresholds.isEmpty() ? new double[] {0.7} : thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        for (double v : t) {
            if (!(v >= 0 && v <= 1)) {
                throw new InputException("--threshold", "a score threshold in [0, 1], not " + v);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        AnalysisOptions.Opened o = options.open(spec.commandLine().getErr());
        List<PseudoLabelQuality.Row> rows = ModelAnalysis.pseudoLabels(o.model(), o.source(), options.images, t,
                o.compute());
        if (options.json) {
            out.println(new ObjectMapper().writeValueAsString(java.util.Map.of("images",
                    Math.min(options.images, o.source().size()), "rows", rows)));
        } else {
            out.printf(Locale.ROOT, "%d images%n%9s %5s %10s %8s %8s %9s %7s%n", Math.min(options.images, o.source().size()),
                    "threshold", "IoU", "detections", "truths", "matched", "precision", "recall");
            for (PseudoLabelQuality.Row r : rows) {
                out.printf(Locale.ROOT, "%9.2f %5.1f %10d %8d %8d %9s %7s%n", r.threshold(), r.iou(), r.detections(),
                        r.truths(), r.matched(), fmt(r.precision()), fmt(r.recall()));
            }
        }
        out.flush();
        return 0;
    }

    private static String fmt(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
