package io.sedet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A comparison repeated over seeds, one folder per seed, and the statistics over them. Files:
 * <ul>
 *   <li>{@code OUT/seed-S/results.json}: {@code {"arm": {"AP": .., "AP50": .., ...}}} on the report split;
 *   <li>{@code OUT/seed-S/paired.json}: each semi-supervised arm minus each of its baselines on that
 *       seed ({@link #baselinesOf}), with its paired bootstrap over the split's images ({@link PairedBootstrap});
 *   <li>{@code OUT/seed-S/protocol.json}: the seed, the split and the config the seed ran (seed aside,
 *       every seed of a study must have run the same one);
 *   <li>{@code OUT/summary.json}: per arm and statistic the {@link SeedStatistics} over the seeds
 *       that ran the arm, per pair those of the seed-by-seed differences (the paired t-interval)
 *       over the seeds that ran both, and, where the label oracle ran, the share of its gap over
 *       supervised that each semi-supervised arm recovers.
 * </ul>
 * Seeds may be run in different sessions into one {@code OUT}: the summary is recomputed from every
 * {@code seed-*} folder present. Seeds belong to one study when their configs are the same once
 * read back (a key added to the config since a seed ran counts at its default).
 */
public final class SeedStudy {
    public static final String RESULTS = "results.json";
    public static final String PAIRED = "paired.json";
    public static final String PROTOCOL = "protocol.json";
    public static final String SUMMARY = "summary.json";
    /** The arms a semi-supervised arm is measured against, in this order. */
    public static final List<String> BASELINES = List.of("supervised", "supervised+ema");
    /** The statistics paired and summarised. */
    public static final List<String> PAIRED_STATS = List.of("AP", "AP50");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeedStudy() {
    }

    /** The folder of one seed. */
    public static Path seedDir(Path out, long seed) {
        return out.resolve("seed-" + seed);
    }

    /** The mean-teacher arm, a baseline of the SED arms. */
    public static final String MEAN_TEACHER = "mean-teacher";
    /** The gap statistic of the summary. */
    public static final String GAP_STAT = "AP50";

    /** Whether an arm is a baseline or the oracle, i.e. not one measured against the baselines. */
    static boolean measured(String arm) {
        return !BASELINES.contains(arm) && !arm.equals(Variant.oracle().name());
    }

    /**
     * The arms {@code arm} is paired against, in this order: the supervised baselines, and for every
     * measured arm other than mean teacher also mean teacher (SED's semi-supervised baseline).
     */
    static List<String> baselinesOf(String arm) {
        List<String> b = new ArrayList<>(BASELINES);
        if (!arm.equals(MEAN_TEACHER)) {
            b.add(MEAN_TEACHER);
        }
        return b;
    }

    /**
     * Each measured arm minus each baseline present, bootstrapped over the {@code images} images of
     * the report split with the seed's draws.
     */
    public static Map<String, Map<String, PairedBootstrap.Difference>> pairs(List<Comparison.Outcome> outcomes,
                                                                              int images, long seed) {
        Map<String, Comparison.Outcome> byName = new LinkedHashMap<>();
        outcomes.forEach(o -> byName.put(o.name(), o));
        Map<String, PairedBootstrap.Replicates> reps = new LinkedHashMap<>();   // each arm accumulated once
        java.util.function.Function<String, PairedBootstrap.Replicates> of = name -> reps.computeIfAbsent(name,
                n -> PairedBootstrap.Replicates.of(byName.get(n).matches(), images, PairedBootstrap.REPLICATES, seed));
        Map<String, Map<String, PairedBootstrap.Difference>> out = new LinkedHashMap<>();
        for (Comparison.Outcome a : outcomes) {
            if (!measured(a.name())) {
                continue;
            }
            for (String b : baselinesOf(a.name())) {
                if (byName.containsKey(b)) {
                    out.put(pairName(a.name(), b), PairedBootstrap.of(of.apply(a.name()), of.apply(b), PAIRED_STATS));
                }
            }
        }
        return out;
    }

    static String pairName(String a, String b) {
        return a + " - " + b;
    }

    /** Writes the seed's results, pairs and protocol. */
    public static void writeSeed(Path seedDir, long seed, Comparison.Split split, JsonNode config,
                                 List<Comparison.Outcome> outcomes, Map<String, Map<String, PairedBootstrap.Difference>> pairs)
            throws IOException {
        Comparison.write(seedDir.resolve(RESULTS), outcomes);
        ObjectNode p = JSON.createObjectNode();
        pairs.forEach((name, diffs) -> {
            ObjectNode n = p.putObject(name);
            diffs.forEach((stat, d) -> n.set(stat, JSON.valueToTree(d)));
        });
        write(seedDir.resolve(PAIRED), p);
        ObjectNode proto = JSON.createObjectNode();
        proto.put("seed", seed);
        proto.put("split", split.key);
        ObjectNode c = config.deepCopy();
        c.remove("seed");
        proto.set("config", c);
        write(seedDir.resolve(PROTOCOL), proto);
    }

    /** One seed's finished results as read back. */
    record SeedResult(long seed, String split, JsonNode config, Map<String, Map<String, Double>> arms) {
    }

    /** Every finished seed under {@code out}, by seed. */
    static List<SeedResult> read(Path out) throws IOException {
        TreeMap<Long, SeedResult> seeds = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path dir : s.filter(d -> d.getFileName().toString().matches("seed-\\d+")).toList()) {
                if (!Files.exists(dir.resolve(RESULTS)) || !Files.exists(dir.resolve(PROTOCOL))) {
                    continue; // a seed still running, or stopped before its results
                }
                JsonNode proto = readJson(dir.resolve(PROTOCOL));
                JsonNode res = readJson(dir.resolve(RESULTS));
                Map<String, Map<String, Double>> arms = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Map<String, Double> stats = new LinkedHashMap<>();
                    e.getValue().fields().forEachRemaining(f -> stats.put(f.getKey(), f.getValue().asDouble()));
                    arms.put(e.getKey(), stats);
                }
                long seed = proto.path("seed").asLong();
                seeds.put(seed, new SeedResult(seed, proto.path("split").asText(), proto.path("config"), arms));
            }
        }
        List<SeedResult> list = new ArrayList<>(seeds.values());
        SeedResult first = list.isEmpty() ? null : list.get(0);
        String protocol = first == null ? null : readBack(first);
        for (SeedResult r : list) {
            if (!readBack(r).equals(protocol) || !r.split().equals(first.split())) {
                throw new InputException(out.resolve("seed-" + r.seed()).resolve(PROTOCOL),
                        "seed " + r.seed() + " ran another config or split than seed " + first.seed()
                                + "; a study summarises one protocol (use another --out)");
            }
        }
        return list;
    }

    /** A seed's config as this version reads it, seed aside (keys added since it ran at their defaults). */
    private static String readBack(SeedResult r) throws IOException {
        Path file = Path.of("seed-" + r.seed(), PROTOCOL);
        try {
            if (!r.config().isObject()) {
                throw new InputException(file, "has no config object");
            }
            ObjectNode c = r.config().deepCopy();
            c.put("seed", 0);                                              // written without it
            return io.sedet.config.TrainConfig.stored(c).toJson();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(file, "its config does not read: " + e.getOriginalMessage());
        }
    }

    /** The summary over every finished seed under {@code out}; written to {@code out/summary.json}. */
    public static ObjectNode summarize(Path out) throws IOException {
        List<SeedResult> seeds = read(out);
        ObjectNode root = JSON.createObjectNode();
        root.putPOJO("seeds", seeds.stream().map(SeedResult::seed).toList());
        if (seeds.isEmpty()) {
            return root;
        }
        root.put("split", seeds.get(0).split());
        List<String> arms = new ArrayList<>();
        seeds.forEach(s -> s.arms().keySet().stream().filter(a -> !arms.contains(a)).forEach(arms::add));
        ObjectNode armsNode = root.putObject("arms");
        for (String arm : arms) {
            ObjectNode a = armsNode.putObject(arm);
            List<SeedResult> ran = having(seeds, List.of(arm));
            for (String stat : PAIRED_STATS) {
                a.set(stat, JSON.valueToTree(SeedStatistics.of(values(ran, arm, stat))));
            }
            a.putPOJO("seeds", ran.stream().map(SeedResult::seed).toList());
        }
        ObjectNode pairs = root.putObject("pairs");
        ObjectNode gaps = root.putObject("oracleGap");
        String oracle = Variant.oracle().name();
        for (String arm : arms) {
            if (!measured(arm)) {
                continue;
            }
            for (String b : baselinesOf(arm)) {
                List<SeedResult> both = having(seeds, List.of(arm, b));
                if (both.isEmpty()) {
                    continue;
                }
                ObjectNode p = pairs.putObject(pairName(arm, b));
                for (String stat : PAIRED_STATS) {
                    List<Double> d = SeedStatistics.paired(values(both, arm, stat), values(both, b, stat));
                    ObjectNode n = p.putObject(stat);
                    n.setAll((ObjectNode) JSON.valueToTree(SeedStatistics.of(d)));
                    n.putPOJO("perSeed", d);
                }
                p.putPOJO("seeds", both.stream().map(SeedResult::seed).toList());
            }
            List<SeedResult> withOracle = having(seeds, List.of(arm, BASELINES.get(0), oracle));
            if (!withOracle.isEmpty()) {
                gaps.set(arm, gap(withOracle, arm, BASELINES.get(0), oracle));
            }
        }
        write(out.resolve(SUMMARY), root);
        return root;
    }

    /**
     * The share of the oracle's {@value #GAP_STAT} gap over {@code baseline} that {@code arm}
     * recovers: per seed (arm − baseline)/(oracle − baseline), and over the seeds Σ(arm − baseline)
     * / Σ(oracle − baseline) (the ratio of the mean gains).
     */
    private static ObjectNode gap(List<SeedResult> seeds, String arm, String baseline, String oracle) {
        List<Double> a = values(seeds, arm, GAP_STAT);
        List<Double> b = values(seeds, baseline, GAP_STAT);
        List<Double> o = values(seeds, oracle, GAP_STAT);
        List<Double> perSeed = new ArrayList<>();
        double gained = 0;
        double ceiling = 0;
        for (int i = 0; i < seeds.size(); i++) {
            perSeed.add((a.get(i) - b.get(i)) / (o.get(i) - b.get(i)));
            gained += a.get(i) - b.get(i);
            ceiling += o.get(i) - b.get(i);
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("stat", GAP_STAT);
        n.put("baseline", baseline);
        n.put("ofMeans", gained / ceiling);
        n.putPOJO("perSeed", perSeed);
        n.putPOJO("seeds", seeds.stream().map(SeedResult::seed).toList());
        return n;
    }

    private static List<Double> values(List<SeedResult> seeds, String arm, String stat) {
        List<Double> v = new ArrayList<>();
        for (SeedResult s : seeds) {
            Map<String, Double> a = s.arms().get(arm);
            if (a == null || !a.containsKey(stat)) {
                throw new InputException(Path.of("seed-" + s.seed(), RESULTS), "has no " + stat + " for arm '" + arm + "'");
            }
            v.add(a.get(stat));
        }
        return v;
    }

    /** The seeds that ran every one of {@code arms}, in seed order. */
    private static List<SeedResult> having(List<SeedResult> seeds, List<String> arms) {
        return seeds.stream().filter(s -> s.arms().keySet().containsAll(arms)).toList();
    }

    /** The summary as a table: per arm mean ± std [95% interval], then the paired differences. */
    public static String table(JsonNode summary) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "seeds %s, %s split; mean ± std [95%% t-interval] over seeds%n",
                summary.path("seeds"), summary.path("split").asText()));
        for (String stat : PAIRED_STATS) {
            b.append(String.format(Locale.ROOT, "%-34s %s%n", "arm", stat));
            summary.path("arms").fields().forEachRemaining(e ->
                    b.append(String.format(Locale.ROOT, "%-34s %s%n", e.getKey(), cell(e.getValue().path(stat)))));
            summary.path("pairs").fields().forEachRemaining(e ->
                    b.append(String.format(Locale.ROOT, "%-34s %s%n", e.getKey(), cell(e.getValue().path(stat)))));
            b.append('\n');
        }
        summary.path("oracleGap").fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT,
                "%s recovers %.0f%% of the oracle's %s gap over %s (seeds %s)%n", e.getKey(),
                100 * e.getValue().path("ofMeans").asDouble(), e.getValue().path("stat").asText(),
                e.getValue().path("baseline").asText(), e.getValue().path("seeds"))));
        return b.toString();
    }

    private static String cell(JsonNode s) {
        if (s.path("n").asInt() < 2) {
            return String.format(Locale.ROOT, "%+.4f (one seed)", s.path("mean").asDouble());
        }
        return String.format(Locale.ROOT, "%+.4f ± %.4f [%+.4f, %+.4f]", s.path("mean").asDouble(),
                s.path("std").asDouble(), s.path("low").asDouble(), s.path("high").asDouble());
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void write(Path file, JsonNode node) throws IOException {
        InputFiles.writeAtomically(file, o -> o.write(JSON.writeValueAsBytes(node)));
    }
}
