package io.sedet.train;

import io.sedet.model.DetectorParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.eval.data.InputException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {
    @TempDir
    Path dir;

    private static List<Double> losses(Path metrics) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("loss")) {
                out.add(n.get("loss").asDouble());
            }
        }
        return out;
    }

    private static void train(TrainConfig cfg, Path out, boolean resume) throws Exception {
        TrainingSession.create(cfg, out, resume, new PrintWriter(new StringWriter())).run();
    }

    /** Stopping after 3 iterations (as Ctrl-C does) and resuming gives the loss curve of an uninterrupted run. */
    @Test
    void resumeContinuesTheSameRun() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        train(TinyRuns.config(6), a, false);
        TrainingSession.create(TinyRuns.config(6), b, false, new PrintWriter(new StringWriter())).runUntil(3);
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
        TrainingSession.create(cfg, b, false, new PrintWriter(new StringWriter())).runUntil(3);
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
        e = assertThrows(InputException.class, () -> TrainingSession.create(TinyRuns.config(2), dir.resolve("none"), true,
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("no checkpoint to resume from"), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("model.depth2", "3")));
        assertTrue(e.getMessage().contains("no setting 'depth2'"), e.getMessage());
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("input.height", "200")));
        assertTrue(e.getMessage().contains("multiples of 128"), e.getMessage());
        // a checkpoint of another detector shape does not resume silently
        Path a = dir.resolve("a");
        train(TinyRuns.config(1), a, false);
        Map<String, String> wider = TinyRuns.overrides(2);
        wider.put("model.fpnChannels", "32");
        TrainConfig other = TrainConfig.preset("shapes-small", wider);
        // resume takes the model shape from the checkpoint, so it still fits
        train(other, a, true);
        assertEquals(2, Checkpoint.load(a.resolve("last.ckpt")).iteration());
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
        assertEquals(io.sedet.semisup.SemiSupervisedConfig.defaults(), c.semi());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.preset("shapes-small", Map.of("boxLoss", "l2")).lossConfig());
    }
}
