package io.sedet.train;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.model.DetectorParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop never applies a non-finite update and never saves non-finite parameters. */
class TrainerGuardTest {
    @TempDir
    Path dir;

    /** A step whose gradient for "w" is {@code grads[t]} at iteration t, with a finite loss. */
    private record ScriptedStep(double[] grads, double[] losses) implements TrainStep<Long> {
        @Override
        public Long prepare(long iteration) {
            return iteration;
        }

        @Override
        public StepOutput run(Long t, TrainState state) {
            INDArray g = Nd4j.createFromArray((float) grads[t.intValue()]);
            return new StepOutput(Map.of("loss_x", losses[t.intValue()]), Map.of(), Map.of("w", g), 1);
        }
    }

    private TrainState state(Path out) {
        Map<String, String> o = TinyRuns.overrides(5);
        o.put("checkpointEvery", "1");
        o.put("optimizer.gradClipNorm", "1e9");
        TrainConfig cfg = TrainConfig.preset("shapes-small", o);
        DetectorParams params = DetectorParams.of(Map.of("w", Nd4j.createFromArray(1.0f)), Map.of());
        return new TrainState(cfg, cfg.detectorSpec(5), params, new Optimizer(cfg.optimizer()), List.of("a"), out, 0, null);
    }

    private static Trainer<Long> trainer(ScriptedStep step) {
        MetricsLog log = new MetricsLog(new PrintWriter(new StringWriter()));
        return new Trainer<>(step, List.of(log, new CheckpointHook(log)));
    }

    @Test
    void aNaNGradientStopsTrainingBeforeTheUpdateAndKeepsTheCheckpoint() throws Exception {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Path out = dir.resolve("run-" + bad);
            TrainState s = state(out);
            Trainer<Long> t = trainer(new ScriptedStep(new double[] {0.5, 0.5, bad, 0.5, 0.5}, new double[] {1, 1, 1, 1, 1}));
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> t.run(s));
            assertTrue(e.getMessage().contains("iteration 2") && e.getMessage().contains("gradient norm"), e.getMessage());
            assertEquals(2, s.iteration());
            double w = s.params().get("w").getDouble(0);
            assertTrue(Double.isFinite(w), "the non-finite update was applied: " + w);
            Checkpoint.Content c = Checkpoint.load(out.resolve(RunFolder.LAST));
            assertEquals(2, c.iteration());
            assertEquals(w, c.params().get("w").getDouble(0), 0.0);
            assertEquals(2, s.optimizer().steps(), "the optimizer did not count the refused step");
        }
    }

    @Test
    void aNaNLossStopsTrainingBeforeTheUpdate() {
        TrainState s = state(dir.resolve("loss"));
        Trainer<Long> t = trainer(new ScriptedStep(new double[] {0.5, 0.5, 0.5}, new double[] {1, Double.NaN, 1}));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> t.run(s));
        assertTrue(e.getMessage().contains("non-finite loss at iteration 1"), e.getMessage());
        assertEquals(1, s.iteration());
    }

    @Test
    void nonFiniteParametersAreNeverWrittenOverACheckpoint() throws Exception {
        Path out = dir.resolve("params");
        TrainState s = state(out);
        CheckpointHook hook = new CheckpointHook(new MetricsLog(new PrintWriter(new StringWriter())));
        s.advance();
        hook.afterStep(s, null);
        Path last = out.resolve(RunFolder.LAST);
        byte[] good = Files.readAllBytes(last);
        s.advance();
        s.params().get("w").putScalar(0, Float.NaN);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> hook.afterStep(s, null));
        assertTrue(e.getMessage().contains("parameter w is not finite"), e.getMessage());
        assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(last)), "last.ckpt was replaced");
        assertThrows(NonFiniteLossException.class, () -> hook.afterTrain(s));
        assertTrue(!Files.exists(out.resolve(RunFolder.MODEL)));
    }
}
