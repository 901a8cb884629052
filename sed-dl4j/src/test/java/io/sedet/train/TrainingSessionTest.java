package io.sedet.train;

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

    @Test
    void checkpointRoundTripKeepsEverything() throws Exception {
        Path a = dir.resolve("a");
        train(TinyRuns.config(2), a, false);
        Checkpoint.Content c = Checkpoint.load(a.resolve("model.sedet"));
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
}
