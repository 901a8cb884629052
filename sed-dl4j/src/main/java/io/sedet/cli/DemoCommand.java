package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.experiment.Comparison;
import io.sedet.experiment.Variant;
import io.sedet.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sedet demo [--seed S] [--labeled 0.05] [--out DIR] [--ablation]}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train supervised, mean teacher and SED on the built-in 'shapes' data with a few labels,",
            "same seed and iteration budget (one shared supervised burn-in), evaluate each on the test split,",
            "print a table and write OUT/results.json and OUT/report.html. --ablation also trains SED with each component removed",
            "(OUT/ablation.json). Preset: shapes-demo."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the data, the labeled split, initialisation and augmentation (default: 1).")
    long seed = 1;

    @Option(names = "--labeled", paramLabel = "F", description = "Labeled part of the training set: fraction or count (default: the preset's, 0.05).")
    String labeled;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/demo-seed<S>).")
    Path out;

    @Option(names = "--ablation", description = "Also train SED with each component removed in turn.")
    boolean ablation;

    @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE,...",
            description = {"An extra arm trained from the same burn-in after the methods, e.g.",
                "--variant sed-lu8:semi.method=sed,semi.lambdaUnsup=8 (results in OUT/variants.json)."})
    List<String> variants = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any config value of the preset, e.g. --set iterations=600.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--samples", defaultValue = "8",
            description = "Test images the report draws each method's detections on (default: ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        overrides.put("seed", Long.toString(seed));
        if (labeled != null) {
            overrides.put("semi.labeled", TrainCommand.jsonString(labeled));
        }
        TrainConfig cfg = TrainConfig.preset("shapes-demo", overrides);
        Path dir = out != null ? out : Path.of("runs", "demo-seed" + seed);
        PrintWriter console = spec.commandLine().getOut();
        Compute compute = backendOptions.resolve(cfg.backend(), cfg.openclDevice(), console);
        long t0 = System.nanoTime();
        Comparison cmp = new Comparison(cfg, dir, console, compute).progress(io.sedet.train.ProgressView.forConsole());
        Path burnIn = cmp.burnIn();
        List<Comparison.Outcome> outcomes = new ArrayList<>();
        for (Variant v : Variant.methods()) {
            outcomes.add(cmp.run(v, burnIn));
        }
        Comparison.write(dir.resolve("results.json"), outcomes);
        List<Comparison.Outcome> extra = new ArrayList<>();
        for (String v : variants) {
            extra.add(cmp.run(Variant.parse(v), burnIn));
        }
        if (!extra.isEmpty()) {
            Comparison.write(dir.resolve("variants.json"), extra);
        }
        List<Comparison.Outcome> ablations = new ArrayList<>();
        if (ablation) {
            ablations.add(outcomes.get(outcomes.size() - 1));
            for (Variant v : Variant.ablations()) {
                ablations.add(cmp.run(v, burnIn));
            }
            Comparison.write(dir.resolve("ablation.json"), ablations);
        }
        console.printf(Locale.ROOT, "%n%s test split (%d images), labeled %s of %d training images, %d iterations (burn-in %d), seed %d%n",
                cfg.data(), cfg.shapes().test(), cfg.semi().labeled(), cfg.shapes().train(), cfg.iterations(),
                cfg.semi().burnIn(), seed);
        console.print(Comparison.table(outcomes));
        if (!extra.isEmpty()) {
            console.println();
            console.print(Comparison.table(extra));
        }
        if (ablation) {
            console.println();
            console.print(Comparison.table(ablations));
        }
        List<io.sedet.report.RunData> runs = new ArrayList<>();
        runs.add(io.sedet.report.RunData.read(burnIn.getParent(), "burn-in"));
        for (Variant v : Variant.methods()) {
            runs.add(io.sedet.report.RunData.read(dir.resolve(v.folder()), v.name()));
        }
        io.sedet.report.Report.write(String.format(Locale.ROOT, "sedet demo: %s labeled, seed %d", cfg.semi().labeled(), seed),
                runs, dir.resolve(io.sedet.report.Report.FILE),
                new io.sedet.report.Report.Samples(samples, 0.3, Comparison.testSource(cfg), "the shapes test split"),
                new io.sedet.report.Report.DiagnosticsSpec(cfg.shapes().test(), cfg.semi().pseudoThreshold()), compute, console);
        console.printf(Locale.ROOT, "wrote %s and %s (total %.1f min)%n", dir.resolve("results.json"),
                dir.resolve(io.sedet.report.Report.FILE),
                (System.nanoTime() - t0) / 60e9);
        console.flush();
        return 0;
    }
}
