package io.sedet.train;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.freezeAt}: the stem and first stages of a pretrained backbone never train. */
class FreezeAtTest {
    @TempDir
    Path dir;

    @Test
    void stagesAreNamedAsDetectron2CountsThem() {
        var none = TrainConfig.preset("shapes-small", Map.of()).detectorSpec(5);
        assertEquals(0, none.freezeAt());
        assertFalse(none.frozen("backbone.stem.conv.w"));
        var two = TrainConfig.preset("shapes-small", Map.of("model.freezeAt", "2", "init", "b.sedet")).detectorSpec(5);
        assertTrue(two.frozen("backbone.stem.conv.w"));
        assertTrue(two.frozen("backbone.layer1.0.bn2.gamma"));
        assertFalse(two.frozen("backbone.layer2.0.conv1.w"));
        assertFalse(two.frozen("fpn.lateral3.w"));
        assertFalse(two.frozen("head.cls.out.b"));
        InputException e = assertThrows(InputException.class,
                () -> TrainConfig.preset("shapes-small", Map.of("model.freezeAt", "2")));
        assertTrue(e.getMessage().contains("init"), e.getMessage());
        e = assertThrows(InputException.class,
                () -> TrainConfig.preset("shapes-small", Map.of("model.freezeAt", "6", "init", "b.sedet")));
        assertTrue(e.getMessage().contains("0 (nothing frozen) to 5"), e.getMessage());
        // the pretrained presets freeze the stem and layer1 over frozen BatchNorm, and need the backbone
        e = assertThrows(InputException.class, () -> TrainConfig.preset("voc-r50-pretrained", Map.of()));
        assertTrue(e.getMessage().contains("init"), e.getMessage());
        TrainConfig p = TrainConfig.preset("coco-r50-pretrained", Map.of("init", "r50.sedet"));
        assertEquals(2, p.model().frozenStages());
        assertEquals(50, p.model().depth());
    }

    /** Two steps from a backbone: the frozen stages keep its values exactly, the rest trains. */
    @Test
    void frozenStagesKeepTheirValues() throws Exception {
        Path source = dir.resolve("source");
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(1), source)).run();
        Path init = source.resolve("last.ckpt");
        Map<String, String> o = TinyRuns.overrides(2);
        o.put("init", init.toString());
        o.put("model.freezeAt", "2");
        o.put("optimizer.lr", "0.05");
        Path run = dir.resolve("frozen");
        TrainingSession.open(TrainingRequest.fresh(TrainConfig.preset("shapes-small", o), run)).run();
        var before = Checkpoint.load(init).params();
        var after = Checkpoint.load(run.resolve("last.ckpt")).params();
        for (String name : new String[] {"backbone.stem.conv.w", "backbone.stem.bn.gamma", "backbone.layer1.0.conv1.w",
            "backbone.layer1.1.bn2.beta"}) {
            assertEquals(before.get(name), after.get(name), name + " is frozen");
        }
        for (String name : new String[] {"backbone.layer2.0.conv1.w", "backbone.layer4.1.conv2.w", "fpn.lateral3.w"}) {
            INDArray b = before.get(name);
            assertNotEquals(b, after.get(name), name + " trains");
        }
    }
}
