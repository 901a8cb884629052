package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.experiment.Comparison;
import io.sedet.experiment.SeedStudy;
import io.sedet.experiment.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

/**
 * {@code sedet demo [--preset P] [--seed S | --seeds S,S,..] [--split val|test] [--oracle] [--out DIR]}:
 * one comparison (one seed), or the protocol over several seeds with its statistics
 * ({@link SeedStudy}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train supervised (reported by its student and by its EMA), mean teacher and SED on the built-in",
            "'shapes' data with a few labels, same seed and iteration budget (one shared supervised burn-in), evaluate",
            "each on the test split, print a table and write OUT/results.json and OUT/report.html.",
            "--seeds runs that per seed into OUT/seed-S/ and writes OUT/summary.json: mean, std and 95% t-intervals",
            "over seeds of every arm and of SED's paired differences, with a paired bootstrap over test images per seed.",
            "--ablation also trains SED with each component removed (OUT/ablation.json). Presets: shapes-demo (default),",
            "shapes-quality (the longer protocol, see docs/SED.md)."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "The config (default: ${DEFAULT-VALUE}).",
            defaultValue = "shapes-demo")
    String preset;

    @Option(names = "--seed", description = "Seed of the data, the labeled split, initialisation and augmentation (default: 1).")
    long seed = 1;

    @Option(names = "--seeds", split = ",", paramLabel = "S,S,...",
            description = "Run the comparison once per seed into OUT/seed-S and summarise over them (OUT/summary.json).")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--summarize", description = "Only recompute OUT/summary.json from the seeds already in OUT.")
    boolean summarizeOnly;

    @Option(names = "--split", paramLabel = "val|test", defaultValue = "test",
            description = "The split the arms are evaluated on: val to tune, test to report (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--oracle", description = "Also train supervised on all labels (the ceiling), from scratch.")
    boolean oracle;

    @Option(names = "--labeled", paramLabel = "F", description = "Labeled part of the training set: fraction or count (default: the preset's).")
    String labeled;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/demo-seed<S>, with --seeds runs/<preset>).")
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
        PrintWriter console = spec.commandLine().getOut();
        Comparison.Split reportSplit = Comparison.Split.parse(split);
        boolean study = !seeds.isEmpty() || summarizeOnly;
        Path dir = out != null ? out : study ? Path.of("runs", preset) : Path.of("runs", "demo-seed" + seed);
        if (study) {
            long t0 = System.nanoTime();
            if (!summarizeOnly) {
                for (long s : seeds) {
                    runSeed(s, SeedStudy.seedDir(dir, s), reportSplit, true, console);
                }
            }
            com.fasterxml.jackson.databind.JsonNode summary = SeedStudy.summarize(dir);
            console.printf(Locale.ROOT, "%n%s", SeedStudy.table(summary));
            console.printf(Locale.ROOT, "wrote %s (total %.1f min)%n", dir.resolve(SeedStudy.SUMMARY),
                    (System.nanoTime() - t0) / 60e9);
            console.flush();
            return 0;
        }
        runSeed(seed, dir, reportSplit, false, console);
        return 0;
    }

    /**
     * One comparison: burn-in, the arms, the tables, the report (and with {@code study}, the seed's
     * pairs), with the seed's folder locked against a second demo writing there.
     */
    private void runSeed(long runSeed, Path dir, Comparison.Split reportSplit, boolean study, PrintWriter console)
            throws Exception {
        try (io.sedet.train.FolderLock held = io.sedet.train.FolderLock.acquire(dir, console::println)) {
            compare(runSeed, dir, reportSplit, study, console);
        }
    }

    private void compare(long runSeed, Path dir, Comparison.Split reportSplit, boolean study, PrintWriter console)
            throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        overrides.put("seed", Long.toString(runSeed));
        if (labeled != null) {
            overrides.put("semi.labeled", TrainCommand.jsonString(labeled));
        }
        TrainConfig cfg = TrainConfig.preset(preset, overrides);
        Compute compute = backendOptions.resolve(cfg.backend(), cfg.openclDevice(), console);
        long t0 = System.nanoTime();
        Comparison cmp = new Comparison(cfg, dir, console, compute).split(reportSplit)
                .progress(TerminalProgress.forConsole());
        List<Variant> arms = new ArrayList<>(Variant.methods(cfg.semi().teacherMomentum()));
        if (oracle) {
            arms.add(Variant.oracle());
        }
        List<Variant> extraArms = variants.stream().map(Variant::parse).toList();
        List<Variant> every = new ArrayList<>(arms);
        every.addAll(extraArms);
        if (ablation) {
            every.addAll(Variant.ablations());
        }
        cmp.check(every); // a folder of other settings is refused before anything trains
        Path burnIn = cmp.burnIn();
        List<Comparison.Outcome> outcomes = new ArrayList<>();
        for (Variant v : arms) {
            outcomes.add(cmp.run(v, burnIn));
        }
        List<Comparison.Outcome> extra = new ArrayList<>();
        for (Variant v : extraArms) {
            extra.add(cmp.run(v, burnIn));
        }
        if (study) {
            List<Comparison.Outcome> all = new ArrayList<>(outcomes);
            all.addAll(extra);
            int images = Comparison.reportSource(cfg, reportSplit).size();
            SeedStudy.writeSeed(dir, runSeed, reportSplit, new com.fasterxml.jackson.databind.ObjectMapper().readTree(cfg.toJson()), all, SeedStudy.pairs(all, images, runSeed));
        } else {
            Comparison.write(dir.resolve("results.json"), outcomes);
        }
        if (!extra.isEmpty()) {
            Comparison.write(dir.resolve("variants.json"), extra);
        }
        List<Comparison.Outcome> ablations = new ArrayList<>();
        if (ablation) {
            ablations.add(outcomes.stream().filter(o -> o.name().equals("sed")).findFirst().orElseThrow());
            for (Variant v : Variant.ablations()) {
                ablations.add(cmp.run(v, burnIn));
            }
            Comparison.write(dir.resolve("ablation.json"), ablations);
        }
        console.printf(Locale.ROOT, "%n%s %s split (%d images), labeled %s of %d training images, %d iterations (burn-in %d), seed %d%n",
                cfg.data(), reportSplit.key, Comparison.reportSource(cfg, reportSplit).size(), cfg.semi().labeled(),
                cfg.shapes().train(), cfg.iterations(), cfg.semi().burnIn(), runSeed);
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
        for (Variant v : arms) {
            // one run per folder; the supervised run's model and evaluation file are its EMA's
            if (v.weights() == Variant.Weights.EVALUATED) {
                runs.add(io.sedet.report.RunData.read(dir.resolve(v.folder()), v.name()));
            }
        }
        io.sedet.report.Report.write(String.format(Locale.ROOT, "sedet demo: %s labeled, seed %d", cfg.semi().labeled(), runSeed),
                runs, dir.resolve(io.sedet.report.Report.FILE),
                new io.sedet.report.Report.Samples(samples, 0.3, Comparison.testSource(cfg), "the shapes test split"),
                new io.sedet.report.Report.DiagnosticsSpec(cfg.shapes().test(), cfg.semi().pseudoThreshold()), compute, console);
        console.printf(Locale.ROOT, "wrote %s and %s (%.1f min)%n", dir.resolve("results.json"),
                dir.resolve(io.sedet.report.Report.FILE),
                (System.nanoTime() - t0) / 60e9);
        console.flush();
    }
}
