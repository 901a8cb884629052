package io.sedet.train;

import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.DetectorSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.norm}: batch by default, frozen only with a backbone to keep, anything else refused. */
class FrozenNormConfigTest {
    @Test
    void frozenNeedsABackboneAndOtherValuesAreRefused() {
        assertEquals(DetectorSpec.Norm.BATCH, TrainConfig.preset("shapes-small", Map.of()).detectorSpec(5).norm());
        InputException e = assertThrows(InputException.class,
                () -> TrainConfig.preset("shapes-small", Map.of("model.norm", "frozen")));
        assertTrue(e.getMessage().contains("init"), e.getMessage());
        TrainConfig frozen = TrainConfig.preset("shapes-small", Map.of("model.norm", "frozen", "init", "backbone.sedet"));
        assertEquals(DetectorSpec.Norm.FROZEN, frozen.detectorSpec(5).norm());
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", Map.of("model.norm", "group")));
        assertTrue(e.getMessage().contains("batch or frozen"), e.getMessage());
    }
}
