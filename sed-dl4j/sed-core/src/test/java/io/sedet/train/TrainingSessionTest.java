package io.sedet.train;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.DetectorParams;
import io.sedet.model.ModelEma;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {
    @TempDir
    Path dir;

    private static List<Double> losses(Path metrics) throws Exception {
        return new ArrayList<>(TinyRuns.losses(metrics).values());
    }

    private static void train(TrainConfig cfg, Path out, boolean resume) throws Exception {
        TrainingSession.open(resume ? TrainingRequest.resumeAs(cfg, out) : TrainingRequest.fresh(cfg, out)).run();
    }

    /** Stopping after 3 iterations (as Ctrl-C does) and resuming gives the loss curve of an uninterrupted run. */
    @Test
    void resumeContinuesTheSameRun() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        train(TinyRuns.config(6), a, false);
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(6), b)).runUntil(3);
        assertEquals(3, Checkpoint.load(b.resolve("last.ckpt")).iteration());
        train(TinyRuns.config(6), b, true);
        List<Double> whole = losses(a.resolve("metrics.jsonl"));
        List<Double> parts = losses(b.resolve("metrics.jsonl"));
        assertEquals(6, whole.size());
        assertEquals(6, parts.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(whole.get(i), parts.get(i), 1e-4 * Math.abs(whole.get(i)), "loss of iteration " + (i + 1));
        }
        assertTrue(Files.exists(a.resolve("model.sedet")));
        assertEquals(6, Checkpoint.load(b.resolve("last.ckpt")).iteration());
    }

    /**
     * With a model EMA: resuming restores the EMA too (same shipped model as an uninterrupted run),
     * the shipped model holds the EMA parameters, and they differ from the live ones.
     */
    @Test
    void emaIsResumedAndShipped() throws Exception {
        Path a = dir.resolve("ema-a");
        Path b = dir.resolve("ema-b");
        java.util.Map<String, String> o = TinyRuns.overrides(6);
        o.put("ema", "0.9");
        TrainConfig cfg = TrainConfig.preset("shapes-small", o);
        train(cfg, a, false);
        TrainingSession.open(TrainingRequest.fresh(cfg, b)).runUntil(3);
        assertTrue(!Checkpoint.load(b.resolve("last.ckpt")).ema().isEmpty());
        train(cfg, b, true);
        Checkpoint.Content ma = Checkpoint.load(a.resolve("model.sedet"));
        Checkpoint.Content mb = Checkpoint.load(b.resolve("model.sedet"));
        Checkpoint.Content live = Checkpoint.load(a.resolve("last.ckpt"));
        ma.params().trainable().forEach((k, v) -> assertTrue(v.equalsWithEps(mb.params().get(k), 1e-5), k));
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> ema = live.ema();
        ma.params().trainable().forEach((k, v) -> assertTrue(v.equalsWithEps(ema.get("trainable/" + k), 1e-7), k));
        String w = "head.cls.0.w";
        assertTrue(!ma.params().get(w).equalsWithEps(live.params().get(w), 1e-7), "EMA equals the live weights");
        // what predict loads from a training checkpoint is the EMA
        assertTrue(io.sedet.predict.DetectorModel.load(a.resolve("last.ckpt")).params().get(w)
                .equalsWithEps(ma.params().get(w), 1e-7));
    }

    @Test
    void emaFollowsItsFormula() {
        DetectorParams live = DetectorParams.of(java.util.Map.of("w", org.nd4j.linalg.factory.Nd4j.createFromArray(1.0f, 2.0f)),
                java.util.Map.of());
        ModelEma e = new ModelEma(0.5, live);
        live.set("w", org.nd4j.linalg.factory.Nd4j.createFromArray(3.0f, 6.0f));
        e.update(live, 0);                        // d = min(0.5, 1/10) = 0.1
        assertEquals(0.1 * 1 + 0.9 * 3, e.params().get("w").getDouble(0), 1e-6);
        e.update(live, 100);                      // d = 0.5
        assertEquals(0.5 * 2.8 + 0.5 * 3, e.params().get("w").getDouble(0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new ModelEma(1.0, live));
    }

    @Test
    void checkpointRoundTripKeepsEverything() throws Exception {
        Path a = dir.resolve("a");
        train(TinyRuns.config(2), a, false);
        Checkpoint.Content c = Checkpoint.load(a.resolve("last.ckpt"));
        assertTrue(!c.optimizerState().isEmpty());
        Path copy = dir.resolve("copy.ckpt");
        Checkpoint.save(copy, c);
        Checkpoint.Content d = Checkpoint.load(copy);
        assertEquals(c.iteration(), d.iteration());
        assertEquals(c.classNames(), d.classNames());
        assertEquals(c.config(), d.config());
        assertEquals(c.params().trainable().keySet(), d.params().trainable().keySet());
        c.params().trainable().forEach((k, v) -> assertEquals(v, d.params().trainable().get(k), k));
        c.params().running().forEach((k, v) -> assertEquals(v, d.params().running().get(k), k));
        assertEquals(c.optimizerState().keySet(), d.optimizerState().keySet());
    }

    @Test
    void badCheckpointsAndConfigsAreReported() throws Exception {
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a zip");
        InputException e = assertThrows(InputException.class, () -> Checkpoint.load(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainingSession.open(TrainingRequest.resumeAs(TinyRuns.config(2), dir.resolve("none"))));
        assertTrue(e.getMessage().contains("no checkpoint to resume from"), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("model.depth2", "3")));
        assertTrue(e.getMessage().contains("no setting 'depth2'"), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("input.height", "200")));
        assertTrue(e.getMessage().contains("multiples of 128"), e.getMessage());
        // a resume that would change the run (here the detector's shape) is refused, naming the setting
        Path a = dir.resolve("a");
        train(TinyRuns.config(1), a, false);
        Map<String, String> wider = TinyRuns.overrides(2);
        wider.put("model.fpnChannels", "32");
        TrainConfig other = TrainConfig.preset("shapes-small", wider);
        e = assertThrows(InputException.class, () -> train(other, a, true));
        assertTrue(e.getMessage().contains("model.fpnChannels (16 -> 32)"), e.getMessage());
        assertEquals(1, Checkpoint.load(a.resolve("last.ckpt")).iteration(), "nothing was trained");
        // a checkpoint whose arrays do not fit the detector of its own config is reported as such
        Checkpoint.Content c = Checkpoint.load(a.resolve("last.ckpt"));
        Path b = dir.resolve("b");
        Checkpoint.save(b.resolve("last.ckpt"), new Checkpoint.Content(c.iteration(), c.classNames(), other.with("iterations", 1L),
                c.params(), c.optimizerState(), c.optimizerSteps(), c.ema()));
        e = assertThrows(InputException.class, () -> train(other.with("iterations", 1L), b, true));
        assertTrue(e.getMessage().contains("does not fit the configured detector"), e.getMessage());
    }

    /** Resuming continues the stored total, not a default; it may be extended explicitly, never shortened below the checkpoint. */
    @Test
    void resumeKeepsTheStoredTotalUnlessExtendedExplicitly() throws Exception {
        Path b = dir.resolve("total");
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(4), b)).runUntil(2);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        // the command line names only the folder: the stored 4 iterations, not the preset's default
        TrainingSession s = TrainingSession.open(TrainingRequest.resume(b, stored -> stored, null).console(quiet));
        assertEquals(4, s.state().config().iterations());
        s.runUntil(3);
        assertEquals(3, Checkpoint.load(b.resolve("last.ckpt")).iteration());
        InputException e = assertThrows(InputException.class, () -> TrainingSession.open(TrainingRequest.resume(b, stored -> stored, 2L).console(quiet)));
        assertTrue(e.getMessage().contains("below the checkpoint's iteration 3"), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainingSession.open(TrainingRequest.resume(b, stored -> stored.with("optimizer.lr", 0.5), null).console(quiet)));
        assertTrue(e.getMessage().contains("optimizer.lr") && e.getMessage().contains("-> 0.5"), e.getMessage());
        StringWriter log = new StringWriter();
        TrainingSession.open(TrainingRequest.resume(b, stored -> stored, 6L).console(new PrintWriter(log))).run();
        assertEquals(6, Checkpoint.load(b.resolve("model.sedet")).iteration());
        assertTrue(log.toString().contains("iterations 4 -> 6"), log.toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), iterations(b.resolve("metrics.jsonl")));
        // a finished run resumed again does nothing
        log.getBuffer().setLength(0);
        TrainingSession.open(TrainingRequest.resume(b, stored -> stored, null).console(new PrintWriter(log))).run();
        assertTrue(log.toString().contains("is finished (iteration 6 of 6)"), log.toString());
        assertEquals(6, iterations(b.resolve("metrics.jsonl")).size());
    }

    /** After a crash, the steps logged after the last checkpoint are dropped, and stale save temporaries removed. */
    @Test
    void resumeAfterACrashLogsEveryIterationOnce() throws Exception {
        Path b = dir.resolve("crash");
        Path ref = dir.resolve("ref");
        train(TinyRuns.config(5), ref, false);
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(5), b)).runUntil(2);
        // what a kill -9 at iteration 4 during a save leaves: records past the checkpoint, a cut line, a temporary
        Path metrics = b.resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(ref.resolve("metrics.jsonl"));
        Files.write(metrics, lines.subList(2, 4), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(metrics, "{\"iteration\": 5, \"lo", java.nio.file.StandardOpenOption.APPEND);
        Path tmp = b.resolve(".last.ckpt.123456.tmp");
        Files.write(tmp, new byte[1000]);
        Path userFile = b.resolve(".notes.tmp");
        Files.writeString(userFile, "mine");
        train(TinyRuns.config(5), b, true);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), iterations(metrics));
        List<Double> whole = losses(ref.resolve("metrics.jsonl"));
        List<Double> parts = losses(metrics);
        assertEquals(whole.size(), parts.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i), parts.get(i), 1e-4 * Math.abs(whole.get(i)), "loss of iteration " + (i + 1));
        }
        assertTrue(!Files.exists(tmp), "the stale temporary is still there");
        assertTrue(Files.exists(userFile), "a file that is not a save temporary was removed");
    }

    /** A fresh run never writes into a folder that holds another run. */
    @Test
    void aFreshRunRefusesAFolderWithARun() throws Exception {
        Path a = dir.resolve("fresh");
        train(TinyRuns.config(1), a, false);
        byte[] before = Files.readAllBytes(a.resolve("metrics.jsonl"));
        InputException e = assertThrows(InputException.class, () -> train(TinyRuns.config(1), a, false));
        assertTrue(e instanceof RunFolder.Occupied && e.getMessage().contains("holds a training run")
                && e.getMessage().contains("resume it, or replace it"), e.getMessage());
        assertFalse(e.getMessage().contains("--"), "the library names no command-line flag: " + e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(a.resolve("metrics.jsonl"))));
        new RunFolder(a).requireFresh(true);
        assertTrue(!new RunFolder(a).holdsRun());
        Files.writeString(a.resolve("thesis.tex"), "x");
        Files.writeString(a.resolve("metrics.jsonl"), "{}");
        e = assertThrows(InputException.class, () -> new RunFolder(a).requireFresh(true));
        assertTrue(e.getMessage().contains("thesis.tex") && e.getMessage().contains("is not a file of an earlier run"),
                e.getMessage());
        assertTrue(Files.exists(a.resolve("thesis.tex")));
    }

    /** A checkpoint cut short (a copy interrupted, a full disk) is reported as truncated, not loaded as a smaller model. */
    @Test
    void truncatedCheckpointsAreReportedAsSuch() throws Exception {
        Path a = dir.resolve("trunc");
        train(TinyRuns.config(1), a, false);
        byte[] whole = Files.readAllBytes(a.resolve("last.ckpt"));
        for (double part : new double[] {0.3, 0.9, 0.999}) {
            Path cut = dir.resolve("cut-" + part + ".ckpt");
            Files.write(cut, java.util.Arrays.copyOf(whole, (int) (whole.length * part)));
            InputException e = assertThrows(InputException.class, () -> Checkpoint.load(cut), "cut at " + part);
            assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().matches("(?s).*(truncated|corrupt).*"),
                    e.getMessage());
        }
    }

    /** A failed save leaves the previous file and no temporary. */
    @Test
    void aFailedAtomicWriteKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("x.ckpt");
        Files.writeString(f, "old");
        assertThrows(java.io.IOException.class, () -> io.sedet.io.InputFiles.writeAtomically(f, out -> {
            out.write("half".getBytes());
            throw new java.io.IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    private static List<Long> iterations(Path metrics) throws Exception {
        return new ArrayList<>(TinyRuns.losses(metrics).keySet());
    }

    /** A config file may give only what differs from the defaults; typos are errors. */
    @Test
    void partialConfigFilesMergeOntoTheDefaults() throws Exception {
        Path f = dir.resolve("my.json");
        Files.writeString(f, "{\"iterations\": 7, \"model\": {\"width\": 0.5}}");
        TrainConfig c = TrainConfig.file(f, Map.of("batchSize", "3"));
        assertEquals(7, c.iterations());
        assertEquals(0.5, c.model().width());
        assertEquals(18, c.model().depth());
        assertEquals(3, c.batchSize());
        Files.writeString(f, "{\"model\": {\"widht\": 0.5}}");
        InputException e = assertThrows(InputException.class, () -> TrainConfig.file(f, Map.of()));
        assertTrue(e.getMessage().contains("unknown setting 'model.widht'"), e.getMessage());
        // a value of the wrong type, or out of range: refused naming the key and the file
        Files.writeString(f, "{\"model\": {\"depth\": \"deep\"}}");
        e = assertThrows(InputException.class, () -> TrainConfig.file(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": model.depth: "), e.getMessage());
        Files.writeString(f, "{\"schedule\": {\"steps\": [10, \"x\"]}}");
        e = assertThrows(InputException.class, () -> TrainConfig.file(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": schedule.steps[1]: "), e.getMessage());
        Files.writeString(f, "{\"semi\": {\"teacherMomentum\": 1.5}}");
        e = assertThrows(InputException.class, () -> TrainConfig.file(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("semi.teacherMomentum"),
                e.getMessage());
    }

    /** Configs stored in checkpoints before a key existed still load, with that key's default. */
    @Test
    void olderConfigsWithoutNewerKeysLoad() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode j = TrainConfig.JSON.valueToTree(TinyRuns.config(2));
        for (String k : List.of("ema", "boxLoss", "backend", "openclDevice", "semi")) {
            j.remove(k);
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) j.get("model")).remove("p6From");
        TrainConfig c = TrainConfig.JSON.treeToValue(j, TrainConfig.class);
        assertEquals(0.0, c.emaDecay());
        assertEquals(io.sedet.loss.SupervisedLoss.BoxLoss.SMOOTH_L1, c.lossConfig().boxLoss());
        assertEquals(io.sedet.model.DetectorSpec.P6Source.C5, c.detectorSpec(5).p6Source());
        assertEquals(io.sedet.config.SemiSupervisedConfig.defaults(), c.semi());
        InputException e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("boxLoss", "l2")));
        assertTrue(e.getMessage().contains("boxLoss: must be smoothl1 or giou"), e.getMessage());
    }
}
