package io.sedet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.analysis.ModelAnalysis;
import io.sedet.analysis.ScaleConsistency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sedet analyze scale --model M [--data D] [--json]}: the paper's Fig. 2b. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Score consistency across scales (SED paper, Fig. 2b): each image on the model's canvas and resized",
            "by 0.5, anchors paired as SED pairs them (level l <-> level l-1 of the half view), the distance",
            "max_c |p_c(I) - p_c(I/2)| binned; anchors per image in each bin, foreground (IoU >= 0.5 with a",
            "true box) and background."})
public final class AnalyzeScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options = new AnalysisOptions();

    @Option(names = "--bins", defaultValue = "10", description = "Equal-width distance bins over [0, 1] (default: ${DEFAULT-VALUE}).")
    int bins;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AnalysisOptions.Opened o = options.open(spec.commandLine().getErr());
        ScaleConsistency.Result r = ModelAnalysis.scale(o.model(), o.source(), options.images, bins, o.compute());
        if (options.json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "%d images; mean distance: foreground %.4f, background %.4f%n", r.images(),
                    r.meanForegroundDistance(), r.meanBackgroundDistance());
            out.printf(Locale.ROOT, "%-13s %14s %14s%n", "distance", "fg per image", "bg per image");
            for (int i = 0; i < r.foregroundPerImage().length; i++) {
                out.printf(Locale.ROOT, "[%.2f, %.2f%s %14.2f %14.2f%n", r.edges()[i], r.edges()[i + 1],
                        i == r.foregroundPerImage().length - 1 ? "]" : ")", r.foregroundPerImage()[i],
                        r.backgroundPerImage()[i]);
            }
        }
        out.flush();
        return 0;
    }
}
