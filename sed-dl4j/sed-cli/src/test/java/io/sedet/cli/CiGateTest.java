package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.eval.voc.VocDevkit;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI quality gate as documented: README's and docs/CI.md's command line, run verbatim by bash
 * (through docs/ci/eval-gate.sh and a {@code ./sedet} that starts this build's CLI) on a VOC subset
 * that ships only {@code ImageSets/Main/test.txt}, so evaluation must read that set alone.
 */
class CiGateTest {
    @TempDir
    static Path dir;

    /** A tiny VOC model (2 iterations on voc-mini's trainval) at runs/voc/model.sedet under the work folder. */
    private static Path work;

    @BeforeAll
    static void trainAndLayOut() throws Exception {
        Path voc = RepoFiles.vocMini();
        work = dir.resolve("project");
        List<String> a = new ArrayList<>(List.of("train", "--preset", "voc-r18", "--data", "voc:" + voc, "--out",
                work.resolve("runs/voc").toString(), "--iterations", "2", "--batch", "2"));
        for (String s : List.of("input.height=128", "input.width=128", "model.width=0.125", "model.fpnChannels=16",
                "model.headConvs=1", "evalEvery=100")) {
            a.add("--set");
            a.add(s);
        }
        SedetCliTest.Run r = SedetCliTest.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());

        // the subset: voc-mini's test images and annotations, and no other image set
        Path subset = work.resolve("voc-subset");
        Files.createDirectories(subset.resolve("ImageSets/Main"));
        Files.createDirectories(subset.resolve("Annotations"));
        Files.createDirectories(subset.resolve("JPEGImages"));
        for (String id : VocDevkit.readImageSet(voc, "test")) {
            Files.copy(voc.resolve("Annotations/" + id + ".xml"), subset.resolve("Annotations/" + id + ".xml"));
            Files.copy(voc.resolve("JPEGImages/" + id + ".jpg"), subset.resolve("JPEGImages/" + id + ".jpg"));
        }
        Files.copy(voc.resolve("ImageSets/Main/test.txt"), subset.resolve("ImageSets/Main/test.txt"));

        Files.createDirectories(work.resolve("docs/ci"));
        Files.copy(RepoFiles.repo().resolve("docs/ci/eval-gate.sh"), work.resolve("docs/ci/eval-gate.sh"));
        // ./sedet: this build's CLI on the test class path (the launcher itself builds with Maven)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = work.resolve("sedet");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + java + "' -Xmx1g -cp '" + System.getProperty("java.class.path")
                + "' io.sedet.cli.Sedet \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The one command line that starts with {@code MODEL=} in a file's code (README, docs/CI.md). */
    private static String gateLine(Path doc) throws Exception {
        List<String> lines = Files.readAllLines(doc).stream().map(String::strip)
                .filter(l -> l.startsWith("MODEL=") && l.contains("eval-gate.sh")).toList();
        assertEquals(1, lines.size(), doc + ": " + lines);
        return lines.get(0);
    }

    private record Shell(int code, String output) {
    }

    private static Shell bash(String line) throws Exception {
        Path log = dir.resolve("bash.log");
        Process p = new ProcessBuilder("bash", "-c", line).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + line);
        return new Shell(p.exitValue(), Files.readString(log));
    }

    private static int failures(Path junit) throws Exception {
        return Integer.parseInt(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getDocumentElement().getAttribute("failures"));
    }

    @Test
    void documentedGateFailsBelowItsBoundAndPassesAtIt() throws Exception {
        String line = gateLine(RepoFiles.repo().resolve("README.md"));
        assertEquals(line, gateLine(RepoFiles.repo().resolve("docs/CI.md")), "README and docs/CI.md show one command");
        assertTrue(line.contains("MIN_MAP=0.6"), line);

        // a 2-iteration model is far below 0.6: exit 3, the metrics printed, a failed JUnit case
        Shell below = bash(line);
        assertEquals(QualityGate.EXIT_BELOW, below.code(), below.output());
        assertTrue(below.output().contains("sedet: below the bound: mAP "), below.output());
        assertTrue(below.output().contains("(30 images,"), below.output());
        assertEquals(1, failures(work.resolve("eval-junit.xml")));

        Shell at = bash(line.replace("MIN_MAP=0.6", "MIN_MAP=0"));
        assertEquals(0, at.code(), at.output());
        assertEquals(0, failures(work.resolve("eval-junit.xml")));
    }

    @Test
    void evalModelReadsOnlyTheSetItEvaluates() throws Exception {
        String model = work.resolve("runs/voc/model.sedet").toString();
        String data = "voc:" + work.resolve("voc-subset");
        SedetCliTest.Run r = SedetCliTest.run("eval", "model", "--model", model, "--data", data, "--image-set", "test",
                "--metric", "voc07", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("mAP").isNumber() && j.get("perClass").has("person"), r.out());

        // COCO metrics by default; the model's validation set is voc.valSet = test, here the only one
        r = SedetCliTest.run("eval", "model", "--model", model, "--data", data, "--json", "--fail-under", "AP50=0");
        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).has("AP75"), r.out());

        r = SedetCliTest.run("eval", "model", "--model", model, "--data", data, "--image-set", "val");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("val.txt: no such image set 'val' (this dataset has: test)"), r.err());

        r = SedetCliTest.run("eval", "model", "--model", model, "--data", data, "--metric", "voc10");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--metric: must be voc07 or voc12, got 'voc10'"), r.err());

        // VOC names need the VOC family: the message lists what a COCO evaluation has
        r = SedetCliTest.run("eval", "model", "--model", model, "--data", data, "--fail-under", "mAP=0.5");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("no metric 'mAP'") && r.err().contains("--metric voc07|voc12"), r.err());
    }
}
