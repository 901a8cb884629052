package io.sedet.cli;

import io.sedet.testing.RepoFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact CLI forms of the foundation issue, run in-process. */
public class SedetCliTest {
    private static final Path CASES = RepoFiles.cocoCases();

    @TempDir
    Path dir;

    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sedet.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }



    /**
     * The jar ships no root logback.xml (a program that depends on the library keeps its own
     * logging configuration); the command line's is a class-path resource that main points to.
     */
    @Test
    void theLibraryShipsNoLoggingConfiguration() throws Exception {
        ClassLoader cl = Sedet.class.getClassLoader();
        assertEquals(null, cl.getResource("logback.xml"));
        java.net.URL cli = cl.getResource(Sedet.LOGGING);
        assertTrue(cli != null && cli.getPath().contains("/target/classes/"), "in the main resources: " + cli);
        try (var in = cli.openStream()) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("<logger name=\"org.nd4j\""), xml);
        }
    }

    @Test
    void evalCocoJsonPrintsTheTwelveStatsOfPycocotools() throws Exception {
        Path c = CASES.resolve("random-1");
        Run r = run("eval", "coco", "--gt", c.resolve("gt.json").toString(), "--dt", c.resolve("dt.json").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode got = new ObjectMapper().readTree(r.out());
        JsonNode exp = new ObjectMapper().readTree(c.resolve("expected.json").toFile()).get("stats");
        List<String> keys = List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");
        assertEquals(12, got.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(exp.get(i).asDouble(), got.get(keys.get(i)).asDouble(), 1e-9, keys.get(i));
        }
    }

    /** The text output is pycocotools' printed summary, character for character (its 3-decimal rounding included). */
    @Test
    void evalCocoTextIsThePycocotoolsSummary() throws Exception {
        for (String name : List.of("hand", "crowd", "areas", "no-detections", "random-2")) {
            Path c = CASES.resolve(name);
            Run r = run("eval", "coco", "--gt", c.resolve("gt.json").toString(), "--dt", c.resolve("dt.json").toString());
            assertEquals(0, r.code(), r.err());
            String expected = new ObjectMapper().readTree(c.resolve("expected.json").toFile()).get("summary").asText();
            assertEquals(expected.strip().lines().toList(), r.out().strip().lines().toList(), name);
        }
    }

    @Test
    void evalVocOnVocMiniWithItsOwnGroundTruthIsOne() throws Exception {
        Path root = RepoFiles.shared().resolve("datasets/voc-mini/VOC2012");
        Dataset gt = VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
        List<Detection> dts = gt.annotations().stream()
                .map(g -> new Detection(g.imageId(), g.categoryId(), g.box(), 0.9)).toList();
        Path dt = dir.resolve("dt.json");
        CocoJson.writeResults(dt, dts, false);
        for (String metric : List.of("voc07", "voc12")) {
            Run r = run("eval", "voc", "--root", root.toString(), "--set", "test", "--dt", dt.toString(),
                    "--metric", metric, "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals(1.0, j.get("mAP").asDouble(), 1e-12, metric);
            assertEquals(20, j.get("perClass").size());
        }
        Run text = run("eval", "voc", "--root", root.toString(), "--dt", dt.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("mAP            1.0000"), text.out());
    }

    /** {@code --version} is the build's: the parent POM's version, not a literal in the code. */
    @Test
    void versionIsTheBuilds() throws Exception {
        String pom = Files.readString(io.sedet.testing.RepoFiles.repo().resolve("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>sed-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(m.find(), "the parent POM's version");
        Run r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("sedet " + m.group(1), r.out().strip());
    }

    @Test
    void splitIsReproducibleAndSaved() throws Exception {
        Path gt = RepoFiles.shared().resolve("datasets/coco-mini/annotations/instances.json");
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        assertEquals(0, run("split", "--gt", gt.toString(), "--labeled", "0.1", "--seed", "1", "--out", a.toString()).code());
        Run r = run("split", "--gt", gt.toString(), "--labeled", "13", "--seed", "1", "--out", b.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("labeled 13 of 128 images"), r.out());
        List<String> la = Files.readAllLines(a).stream().filter(s -> !s.startsWith("#")).toList();
        List<String> lb = Files.readAllLines(b).stream().filter(s -> !s.startsWith("#")).toList();
        assertEquals(13, la.size(), "round(0.1 * 128) = 13");
        assertEquals(la, lb, "the same seed and amount give the same split");
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"images\": [");
        Run r = run("eval", "coco", "--gt", bad.toString(), "--dt", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("sedet: error: " + bad + ": malformed JSON"), r.err());

        r = run("eval", "voc", "--root", dir.resolve("nope").toString(), "--dt", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope: no such VOC folder"), r.err());

        r = run("eval", "voc", "--root", ".", "--dt", bad.toString(), "--metric", "voc99");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--metric: must be voc07 or voc12"), r.err());

        r = run("split", "--gt", bad.toString(), "--labeled", "lots", "--out", dir.resolve("s.txt").toString());
        assertEquals(2, r.code());
    }

    @Test
    void helpListsCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("eval") && r.out().contains("split"), r.out());
        assertEquals(0, run("eval", "voc", "--help").code());
    }
}
