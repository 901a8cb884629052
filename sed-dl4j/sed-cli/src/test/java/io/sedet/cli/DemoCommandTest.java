package io.sedet.cli;

import io.sedet.testing.RepoFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sedet demo} and {@code sedet train --method} on tiny settings, through the CLI. */
class DemoCommandTest {
    @TempDir
    Path dir;

    /** The preset shrunk to a few seconds: 16 images of 128², a tiny network, 3 iterations. */
    private static List<String> tiny() {
        List<String> a = new ArrayList<>();
        for (String s : new String[] {"shapes.train=16", "shapes.val=4", "shapes.test=6", "shapes.imageSize=128",
            "input.height=128", "input.width=128", "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1",
            "batchSize=2", "iterations=3", "semi.burnIn=1", "logEvery=1", "schedule.warmupIters=1"}) {
            a.add("--set");
            a.add(s);
        }
        return a;
    }

    @Test
    void demoTrainsTheThreeMethodsAndWritesResults() throws Exception {
        Path out = dir.resolve("demo");
        List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString(), "--labeled", "0.5", "--seed", "3"));
        args.addAll(tiny());
        SedetCliTest.Run r = SedetCliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode res = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("supervised", "supervised+ema", "mean-teacher", "sed"), iterable(res));
        for (JsonNode m : res) {
            assertEquals(List.of("AP", "AP50", "AP75", "APs", "APm", "APl"), iterable(m));
        }
        assertTrue(r.out().contains("== burn-in: supervised, 1 of 3 iterations =="), r.out());
        assertTrue(r.out().contains("8 labeled, 8 unlabeled images"), r.out());
        assertTrue(r.out().matches("(?s).*\\nsed\\s+[0-9.]+\\s+[0-9.]+.*"), "the table has a row per method:\n" + r.out());
        for (String m : List.of("burn-in", "supervised", "mean-teacher", "sed")) {
            assertTrue(Files.exists(out.resolve(m).resolve("last.ckpt")), m);
        }
        // the report compares the methods with the numbers of results.json, diagnostics included
        String report = Files.readString(out.resolve("report.html"));
        for (String m : List.of("supervised+ema", "mean-teacher", "sed")) {
            for (String k : List.of("AP", "AP50")) {
                assertEquals(res.get(m).get(k).asDouble(), io.sedet.report.ReportTest.cell(report, m, k), 0, m + " " + k);
            }
            assertTrue(io.sedet.report.ReportTest.cell(report, m, "scale_pairs_per_image") > 0, m);
        }
        assertTrue(report.contains("the shapes test split"), "samples and diagnostics on the test split");
        // a second run reuses the burn-in and the finished models, and gives the same table
        SedetCliTest.Run again = SedetCliTest.run(args.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("burn-in: reusing"), again.out());
        assertEquals(res, new ObjectMapper().readTree(out.resolve("results.json").toFile()));
        // a demo of other settings into the folder is refused, naming them, before anything is touched
        List<String> other = new ArrayList<>(args);
        other.set(other.indexOf("3"), "4");
        long trained = Files.getLastModifiedTime(out.resolve("sed").resolve("last.ckpt")).toMillis();
        SedetCliTest.Run refused = SedetCliTest.run(other.toArray(String[]::new));
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains(out.resolve("burn-in").resolve("last.ckpt")
                + ": holds a run of other settings (seed (3 -> 4)); give another --out"), refused.err());
        assertEquals(trained, Files.getLastModifiedTime(out.resolve("sed").resolve("last.ckpt")).toMillis());
        assertEquals(res, new ObjectMapper().readTree(out.resolve("results.json").toFile()));
        // and so is an arm of other settings, even when the burn-in is the same
        List<String> otherMt = new ArrayList<>(args);
        otherMt.addAll(List.of("--set", "semi.pseudoThreshold=0.45"));
        SedetCliTest.Run mt = SedetCliTest.run(otherMt.toArray(String[]::new));
        assertEquals(2, mt.code(), mt.out());
        assertTrue(mt.err().contains("mean-teacher") && mt.err().contains("semi.pseudoThreshold (0.3 -> 0.45)"), mt.err());
        // a folder with someone else's file is not cleared
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine.resolve("burn-in"));
        Files.writeString(mine.resolve("burn-in").resolve("notes.txt"), "mine");
        List<String> into = new ArrayList<>(args);
        into.set(into.indexOf(out.toString()), mine.toString());
        SedetCliTest.Run kept = SedetCliTest.run(into.toArray(String[]::new));
        assertEquals(2, kept.code());
        assertTrue(kept.err().contains("notes.txt: is not a file of an earlier run"), kept.err());
    }

    @Test
    void seedsRunTheProtocolPerSeedAndSummarisePairedDifferences() throws Exception {
        Path out = dir.resolve("study");
        List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString(), "--labeled", "0.5",
                "--seeds", "3,4", "--split", "val", "--oracle", "--samples", "1"));
        args.addAll(tiny());
        SedetCliTest.Run r = SedetCliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertEquals("[3,4]", summary.get("seeds").toString());
        assertEquals("val", summary.get("split").asText());
        assertEquals(List.of("supervised", "supervised+ema", "mean-teacher", "sed", "oracle (all labels)"),
                iterable(summary.get("arms")));
        double[] diffs = new double[2];
        for (int i = 0; i < 2; i++) {
            Path seedDir = out.resolve("seed-" + (3 + i));
            JsonNode res = json.readTree(seedDir.resolve("results.json").toFile());
            diffs[i] = res.get("sed").get("AP50").asDouble() - res.get("supervised").get("AP50").asDouble();
            JsonNode pair = json.readTree(seedDir.resolve("paired.json").toFile()).get("sed - supervised").get("AP50");
            assertEquals(diffs[i], pair.get("observed").asDouble(), 1e-12, "the bootstrap's observed difference is the table's");
            assertTrue(pair.get("low").asDouble() <= pair.get("high").asDouble(), pair.toString());
            assertEquals(1000, pair.get("replicates").asInt());
            assertTrue(Files.exists(seedDir.resolve("supervised").resolve("val-eval-student.json")));
            assertTrue(Files.exists(seedDir.resolve("oracle-all-labels").resolve("model.sedet")));
        }
        JsonNode p = summary.get("pairs").get("sed - supervised+ema").get("AP50");
        assertTrue(p != null && summary.get("pairs").has("mean-teacher - supervised"), summary.toString());
        JsonNode sed = summary.get("pairs").get("sed - supervised").get("AP50");
        assertEquals((diffs[0] + diffs[1]) / 2, sed.get("mean").asDouble(), 1e-12);
        assertEquals(Math.abs(diffs[0] - diffs[1]) / Math.sqrt(2), sed.get("std").asDouble(), 1e-12);
        assertEquals(2, sed.get("n").asInt());
        assertTrue(r.out().contains("sed - supervised"), r.out());
        // SED is also paired with mean teacher, and measured against the oracle's gap
        assertEquals(2, summary.get("pairs").get("sed - mean-teacher").get("AP50").get("n").asInt(), summary.toString());
        assertFalse(summary.get("pairs").has("mean-teacher - mean-teacher"));
        double gained = 0;
        double ceiling = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode res = json.readTree(out.resolve("seed-" + (3 + i)).resolve("results.json").toFile());
            double sup = res.get("supervised").get("AP50").asDouble();
            gained += res.get("sed").get("AP50").asDouble() - sup;
            ceiling += res.get("oracle (all labels)").get("AP50").asDouble() - sup;
        }
        assertEquals(gained / ceiling, summary.get("oracleGap").get("sed").get("ofMeans").asDouble(), 1e-12);
        assertTrue(r.out().contains("sed recovers"), r.out());

        // --summarize recomputes the same summary without training
        SedetCliTest.Run again = SedetCliTest.run("demo", "--out", out.toString(), "--summarize");
        assertEquals(0, again.code(), again.err());
        assertEquals(summary, json.readTree(out.resolve("summary.json").toFile()));
        // a seed stored before a config key existed belongs to the same study (the key at its default)
        Path proto = out.resolve("seed-4").resolve("protocol.json");
        com.fasterxml.jackson.databind.node.ObjectNode stored = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(proto.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.get("config").get("semi")).remove("lambdaRamp"); // at its default in the preset
        Files.writeString(proto, stored.toPrettyString());
        // an arm that ran on one seed only is summarised over that seed
        Path res3 = out.resolve("seed-3").resolve("results.json");
        com.fasterxml.jackson.databind.node.ObjectNode r3 = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(res3.toFile());
        r3.set("sed-late", r3.get("sed").deepCopy());
        Files.writeString(res3, r3.toPrettyString());
        SedetCliTest.Run partial = SedetCliTest.run("demo", "--out", out.toString(), "--summarize");
        assertEquals(0, partial.code(), partial.err());
        JsonNode late = json.readTree(out.resolve("summary.json").toFile());
        assertEquals("[3]", late.get("arms").get("sed-late").get("seeds").toString());
        assertEquals(1, late.get("pairs").get("sed-late - supervised").get("AP50").get("n").asInt());
        assertEquals(summary.get("pairs").get("sed - supervised"), late.get("pairs").get("sed - supervised"));
        // a seed that ran another protocol is refused, naming its file
        Files.writeString(proto, Files.readString(proto).replace("\"iterations\" : 3", "\"iterations\" : 4"));
        assertTrue(Files.readString(proto).contains("\"iterations\" : 4"));
        SedetCliTest.Run mixed = SedetCliTest.run("demo", "--out", out.toString(), "--summarize");
        assertEquals(2, mixed.code(), mixed.out());
        assertTrue(mixed.err().contains("seed-4/protocol.json: seed 4 ran another config"), mixed.err());
    }

    @Test
    void trainTakesMethodAndSplitOptions() throws Exception {
        Path split = dir.resolve("split.txt");
        SedetCliTest.Run s = SedetCliTest.run("split", "--root", RepoFiles.shared().resolve("datasets/voc-mini/VOC2012").toString(),
                "--set", "trainval", "--labeled", "0.2", "--seed", "1", "--out", split.toString());
        assertEquals(0, s.code(), s.err());
        // a semi-supervised split needs a labeled image
        SedetCliTest.Run none = SedetCliTest.run("split", "--root", RepoFiles.shared().resolve("datasets/voc-mini/VOC2012").toString(),
                "--set", "trainval", "--labeled", "0", "--seed", "1", "--out", dir.resolve("none.txt").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("a labeled count must be at least 1, got 0"), none.err());
        assertTrue(!Files.exists(dir.resolve("none.txt")));
        List<String> args = new ArrayList<>(List.of("train", "--method", "sed", "--data",
                "voc:" + RepoFiles.shared().resolve("datasets/voc-mini/VOC2012"), "--split", split.toString(),
                "--out", dir.resolve("voc").toString()));
        args.addAll(tiny());
        args.addAll(List.of("--set", "iterations=2", "--set", "evalEvery=2"));
        SedetCliTest.Run r = SedetCliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("split file " + split), r.out());
        assertTrue(r.out().contains("same_cls"), r.out());
        // the diagnostics and the report of a VOC run
        Path model = dir.resolve("voc").resolve("model.sedet");
        SedetCliTest.Run scale = SedetCliTest.run("analyze", "scale", "--model", model.toString(), "--images", "2", "--json");
        assertEquals(0, scale.code(), scale.err());
        JsonNode sc = new ObjectMapper().readTree(scale.out());
        assertEquals(2, sc.get("images").asInt());
        assertEquals(10, sc.get("foregroundPerImage").size());
        SedetCliTest.Run pseudo = SedetCliTest.run("analyze", "pseudo-labels", "--model", model.toString(), "--images", "2",
                "--threshold", "0.05,0.7", "--json");
        assertEquals(0, pseudo.code(), pseudo.err());
        assertEquals(18, new ObjectMapper().readTree(pseudo.out()).get("rows").size(), "2 thresholds x 9 IoU levels");
        SedetCliTest.Run rep = SedetCliTest.run("report", dir.resolve("voc").toString(), "--samples", "2", "--diagnostics", "2");
        assertEquals(0, rep.code(), rep.err() + rep.out());
        String html = Files.readString(dir.resolve("voc").resolve("report.html"));
        assertTrue(html.contains("voc:") && html.contains("data:image/png;base64,"), "VOC samples drawn");
        SedetCliTest.Run notRun = SedetCliTest.run("report", dir.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("is not a training run folder"), notRun.err());
        SedetCliTest.Run badThreshold = SedetCliTest.run("analyze", "pseudo-labels", "--model", model.toString(),
                "--threshold", "7");
        assertEquals(2, badThreshold.code());
        assertTrue(badThreshold.err().contains("--threshold"), badThreshold.err());
        SedetCliTest.Run bad = SedetCliTest.run("train", "--method", "semi", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--method (semi.method): must be one of supervised, mean-teacher, sed"), bad.err());
    }

    private static List<String> iterable(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
