package io.sedet.cli;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes, resume and overwrite rules, and predict's outputs, through the CLI in-process. */
class ReliabilityCliTest {
    private static final List<String> TINY = List.of("shapes.train=8", "shapes.val=2", "shapes.imageSize=128",
            "input.height=128", "input.width=128", "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1",
            "evalEvery=100", "logEvery=1", "checkpointEvery=2");

    @TempDir
    Path dir;

    private static List<String> train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", out.toString(), "--batch", "2"));
        for (String s : TINY) {
            a.add("--set");
            a.add(s);
        }
        a.addAll(List.of(more));
        return a;
    }

    private static SedetCliTest.Run run(List<String> args) {
        return SedetCliTest.run(args.toArray(String[]::new));
    }

    private static List<Long> loggedIterations(Path metrics) throws Exception {
        return new ArrayList<>(io.sedet.train.TinyRuns.losses(metrics).keySet());
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @CommandLine.Option(names = "--kind")
        String kind = "npe";

        @Override
        public Integer call() {
            if (kind.equals("iae")) {
                throw new IllegalArgumentException("an internal precondition");
            }
            throw new NullPointerException("a bug");
        }
    }

    /** A bug is exit 1 with one line pointing at a crash report that holds the stack trace, never "bad input". */
    @Test
    void aBugExitsOneWithACrashReport() throws Exception {
        for (String kind : List.of("npe", "iae")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Sedet.commandLine(new PrintWriter(out), new PrintWriter(err));
            cl.addSubcommand("boom", new Boom());
            int code = Sedet.run(cl, new String[] {"boom", "--kind", kind});
            assertEquals(Sedet.EXIT_BUG, code, err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("sedet: internal error"), err.toString());
            Matcher m = Pattern.compile("stack trace in (\\S+)").matcher(err.toString());
            assertTrue(m.find(), err.toString());
            Path report = Path.of(m.group(1));
            String text = Files.readString(report);
            assertTrue(text.contains("sedet boom --kind " + kind) && text.contains("at io.sedet.cli.ReliabilityCliTest$Boom.call"),
                    text);
            Files.delete(report);
        }
        // bad input stays exit 2, one line
        SedetCliTest.Run r = SedetCliTest.run("train", "--preset", "nope");
        assertEquals(Sedet.EXIT_BAD_INPUT, r.code());
        assertEquals("sedet: error: --preset: no preset 'nope' (presets: shapes-small, shapes-demo, shapes-quality, voc-r18, coco-r50, voc-r50-pretrained, coco-r50-pretrained)",
                r.err().strip());
        r = SedetCliTest.run("train", "--set", "model.depth=20", "--out", dir.resolve("d").toString());
        assertEquals(Sedet.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("ResNet depth must be 18, 34 or 50"), r.err());
    }

    /**
     * The reliability issue's sequence: a run with its own total, resumed with only --out, goes to
     * its total (not the preset's); options that would change it are refused; a fresh run cannot
     * overwrite it by accident; --overwrite replaces it.
     */
    @Test
    void resumeAndOverwriteFromTheCommandLine() throws Exception {
        Path out = dir.resolve("run");
        SedetCliTest.Run r = run(train(out, "--iterations", "3"));
        assertEquals(0, r.code(), r.err());
        Path last = out.resolve("last.ckpt");
        assertEquals(3, Checkpoint.iterationOf(last));

        r = SedetCliTest.run("train", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds a training run") && r.err().contains("--resume"), r.err());
        assertEquals(3, Checkpoint.iterationOf(last), "the run was touched");

        r = SedetCliTest.run("train", "--out", out.toString(), "--resume", "--lr", "0.5", "--batch", "4");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("batchSize (2 -> 4)") && r.err().contains("optimizer.lr"), r.err());

        r = SedetCliTest.run("train", "--out", out.toString(), "--resume");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("is finished (iteration 3 of 3)"), r.out());

        // the same command line as the first run, plus --resume and a larger total: extends it
        r = run(train(out, "--iterations", "5", "--resume"));
        assertEquals(0, r.code(), r.err());
        assertEquals(5, Checkpoint.iterationOf(out.resolve("model.sedet")));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), loggedIterations(out.resolve("metrics.jsonl")));

        r = run(train(out, "--iterations", "2", "--overwrite"));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(1L, 2L), loggedIterations(out.resolve("metrics.jsonl")));
        assertEquals(2, Checkpoint.iterationOf(out.resolve("model.sedet")));

        r = SedetCliTest.run("train", "--out", dir.resolve("empty").toString(), "--resume");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no checkpoint to resume from"), r.err());
    }

    /** Drawings never replace an input, and two inputs with one stem get two outputs and two image ids. */
    @Test
    void predictNeverOverwritesItsInputs() throws Exception {
        Path run = dir.resolve("m");
        assertEquals(0, run(train(run, "--iterations", "1")).code());
        Path model = run.resolve("model.sedet");
        Path jpg = RepoFiles.shared().resolve("datasets/voc-mini/VOC2012/JPEGImages/2007_000027.jpg");
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.copy(jpg, in.resolve("a.jpg"));
        ImageIO.write(ImageIO.read(jpg.toFile()), "png", in.resolve("a.png").toFile());
        ImageIO.write(ImageIO.read(jpg.toFile()), "png", in.resolve("b.png").toFile());
        byte[] bBefore = Files.readAllBytes(in.resolve("b.png"));

        SedetCliTest.Run r = SedetCliTest.run("predict", "--model", model.toString(), "--images", in.toString(),
                "--out", in.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("would overwrite the input image") && r.err().contains("b.png"), r.err());
        assertTrue(java.util.Arrays.equals(bBefore, Files.readAllBytes(in.resolve("b.png"))));

        Path out = dir.resolve("out");
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", in.toString(), "--out", out.toString(),
                "--draw-score", "0");
        assertEquals(0, r.code(), r.err());
        Set<String> files = new TreeSet<>();
        try (var s = Files.list(out)) {
            s.forEach(f -> files.add(f.getFileName().toString()));
        }
        assertEquals(Set.of("a.jpg.png", "a.png.png", "b.png", "categories.json", "detections.json"), files);
        // the image ids of detections.json: the detections of a.jpg and a.png must not merge
        assertEquals(List.of("a.jpg", "a.png", "b"), ImageFiles.imageIds(ImageFiles.list(in)));
    }
}
