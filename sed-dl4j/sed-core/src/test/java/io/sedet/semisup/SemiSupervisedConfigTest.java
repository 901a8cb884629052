package io.sedet.semisup;

import io.sedet.config.AnchorSet;
import io.sedet.config.Method;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.config.StudentBatchNorm;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SED-gain levers as config keys: defaults, the burn-in they share, and their validation. */
class SemiSupervisedConfigTest {
    private static TrainConfig demo(Map<String, String> sets) {
        return TrainConfig.preset("shapes-demo", sets);
    }

    @Test
    void everyLeverDefaultsToSedSpecsReading() {
        SemiSupervisedConfig d = SemiSupervisedConfig.defaults();
        assertEquals(AnchorSet.ALL, d.normalizer());
        assertEquals(AnchorSet.ALL, d.boxAnchors());
        assertEquals(StudentBatchNorm.JOINT, d.batchNorm());
        assertNull(d.emaStart());
        assertEquals(io.sedet.config.PseudoNormalizer.PSEUDO, d.pseudoNormalizer());
        assertEquals(d.burnIn(), d.teacherEmaStart());
        assertEquals(d.lambdaUnsup(), d.lambdaUnsupAt(d.burnIn()));
        assertFalse(d.selectsForeground());
        assertEquals(0.05, demo(Map.of()).evaluation().scoreThreshold(), "evaluation keeps torchvision's threshold");
    }

    @Test
    void leversAfterBurnInShareItAndATeacherAveragingDuringBurnInIsPartOfIt() {
        TrainConfig sed = demo(Map.of("semi.method", "sed"));
        TrainConfig levers = demo(Map.of("semi.method", "sed", "semi.normalizer", "foreground",
                "semi.boxAnchors", "foreground", "semi.lambdaRamp", "200", "semi.batchNorm", "separate",
                "semi.pseudoNormalizer", "joint", "semi.pseudoThreshold", "0.5"));
        assertTrue(levers.semi().selectsForeground());
        assertEquals(sed.semi().burnInPart(), levers.semi().burnInPart(), "these levers act after burn-in");
        assertEquals(Method.SUPERVISED, sed.semi().burnInPart().method());

        TrainConfig early = demo(Map.of("semi.method", "sed", "semi.emaStart", "300", "semi.teacherMomentum", "0.999"));
        SemiSupervisedConfig b = early.semi().burnInPart();
        assertTrue(early.semi().teacherDuringBurnIn());
        assertEquals(Method.SED, b.method(), "the burn-in must then carry the teacher");
        assertEquals(300L, b.emaStart());
        assertEquals(0.999, b.teacherMomentum());
        // the supervised arm continuing that burn-in keeps the same steps up to it
        assertEquals(b, demo(Map.of("semi.method", "mean-teacher", "semi.emaStart", "300",
                "semi.teacherMomentum", "0.999")).semi().burnInPart());
    }

    @Test
    void meanTeachersOwnKnobsDoNotMakeOtherMethodsRunsDiffer() {
        Map<String, String> knobs = Map.of("semi.pseudoThreshold", "0.5", "semi.pseudoNormalizer", "joint");
        for (String method : new String[] {"supervised", "sed"}) {
            TrainConfig plain = demo(Map.of("semi.method", method));
            java.util.Map<String, String> tuned = new java.util.HashMap<>(knobs);
            tuned.put("semi.method", method);
            assertTrue(plain.sameRun(demo(tuned)), method);
            assertFalse(plain.sameRun(demo(Map.of("semi.method", method, "semi.lambdaUnsup", "3"))), method);
        }
        TrainConfig mt = demo(Map.of("semi.method", "mean-teacher"));
        assertFalse(mt.sameRun(demo(Map.of("semi.method", "mean-teacher", "semi.pseudoThreshold", "0.5"))));
        assertTrue(mt.sameRun(mt));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("semi.emaStart", "401")))
                .getMessage().contains("semi.emaStart must be in [0, semi.burnIn] (400)"));
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("semi.foregroundFraction", "0")))
                .getMessage().contains("semi.foregroundFraction"));
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("semi.lambdaRamp", "-1")))
                .getMessage().contains("semi.lambdaRamp"));
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("semi.normalizer", "some")))
                .getMessage().contains("normalizer"));
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("semi.pseudoNormalizer", "all")))
                .getMessage().contains("semi.pseudoNormalizer: must be one of pseudo, joint, got 'all'"));
        // a label-written enum reads back from its label or its constant's name
        assertEquals(Method.MEAN_TEACHER, Method.parse("Mean-Teacher"));
        assertEquals(Method.MEAN_TEACHER, Method.parse("MEAN_TEACHER"));
        assertEquals(StudentBatchNorm.SEPARATE, demo(Map.of("semi.batchNorm", "SEPARATE")).semi().batchNorm());
        assertTrue(assertThrows(InputException.class, () -> demo(Map.of("evaluation.scoreThreshold", "1.5")))
                .getMessage().contains("scoreThreshold"));
    }

    @Test
    void aConfigStoredBeforeTheLeversReadsWithTheirDefaults() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode)
                m.readTree(demo(Map.of("semi.method", "sed")).toJson());
        old.remove("evaluation");
        for (String k : new String[] {"normalizer", "boxAnchors", "foregroundFraction", "emaStart", "lambdaRamp", "batchNorm",
                "pseudoNormalizer"}) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("semi")).remove(k);
        }
        TrainConfig read = TrainConfig.stored(old);
        // every removed key reads back at its code default (the preset sets pseudoNormalizer=joint)
        assertEquals(demo(Map.of("semi.method", "sed", "semi.pseudoNormalizer", "pseudo")).toJson(), read.toJson());
    }
}
