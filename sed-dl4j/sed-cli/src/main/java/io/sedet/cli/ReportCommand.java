package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.report.Report;
import io.sedet.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code sedet report RUN_DIR... [--out FILE]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page (no network, charts and images embedded) for one training run",
            "or several side by side: results, loss terms, learning rate and diagnostics over iterations, validation",
            "AP over iterations, AP per class, precision-recall curves, each model's detections on the same images",
            "with the ground truth, the config and the machine of each run; with --diagnostics N the SED paper's two",
            "diagnostics of each model (see sedet analyze)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Training run folders (what train --out wrote).")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE",
            description = "The page (default: RUN_DIR/report.html for one run, report.html here for several).")
    Path out;

    @Option(names = "--title", description = "The page's title (default: the runs' names).")
    String title;

    @Option(names = "--samples", defaultValue = "8",
            description = "Validation images to draw each model's detections on; 0 for none (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--draw-score", defaultValue = "0.3",
            description = "Draw detections scoring at least this (default: ${DEFAULT-VALUE}).")
    double drawScore;

    @Option(names = "--diagnostics", defaultValue = "0", paramLabel = "N",
            description = {"Also compute the SED paper's two diagnostics (scale consistency, pseudo-label quality)",
                "of each run's model on the first N validation images (default: ${DEFAULT-VALUE}, none)."})
    int diagnostics;

    @Option(names = "--threshold", defaultValue = "0.7",
            description = "The pseudo-label score threshold of the diagnostics (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        List<RunData> data = new ArrayList<>();
        List<String> names = names(runs);
        for (int i = 0; i < runs.size(); i++) {
            data.add(RunData.read(runs.get(i), names.get(i)));
        }
        Path file = out != null ? out : runs.size() == 1 ? runs.get(0).resolve(Report.FILE) : Path.of(Report.FILE);
        Compute compute = samples > 0 || diagnostics > 0 ? backendOptions.resolve(null, null, console)
                : Compute.reference();
        Report.write(title != null ? title : "sedet report: " + String.join(", ", names), data, file,
                Report.Samples.validation(samples, drawScore), new Report.DiagnosticsSpec(diagnostics, threshold),
                compute, console);
        console.println("wrote " + file);
        console.flush();
        return 0;
    }

    /** Each folder's name, or its last two path parts where two folders share a name. */
    static List<String> names(List<Path> dirs) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (Path d : dirs) {
            String n = name(d);
            if (!seen.add(n)) {
                repeated.add(n);
            }
        }
        List<String> out = new ArrayList<>();
        for (Path d : dirs) {
            Path abs = d.toAbsolutePath().normalize();
            String n = name(d);
            out.add(repeated.contains(n) && abs.getParent() != null && abs.getParent().getFileName() != null
                    ? abs.getParent().getFileName() + "/" + n : n);
        }
        return out;
    }

    private static String name(Path d) {
        Path f = d.toAbsolutePath().normalize().getFileName();
        return f == null ? d.toString() : f.toString();
    }
}
