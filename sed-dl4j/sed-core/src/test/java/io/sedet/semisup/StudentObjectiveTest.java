package io.sedet.semisup;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.config.OptimizerConfig;
import io.sedet.config.PseudoNormalizer;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.config.StrongAugment;
import io.sedet.data.AugmentConfig;
import io.sedet.data.ShapesDataset;
import io.sedet.data.SubsetSource;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.TrainingGraph;
import io.sedet.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The student objective on a tiny detector and one fixed batch (2 labeled, 2 unlabeled images at
 * 128×128): each ablation switch removes exactly its term and leaves every other term unchanged;
 * λ_u and λ_sc scale what they say; a few optimizer steps lower the unsupervised loss.
 */
class StudentObjectiveTest {
    private static final int H = 128;
    private static final DetectorSpec SPEC = DetectorSpec.retinaNet(new BackboneSpec(18, 0.125), 16, 1, 5);
    private static final double TOL = 1e-5;

    private static final class Fixture {
        final DetectorSpec spec;
        final DetectorParams student;
        final DetectorParams teacherParams;
        final SemiBatch batch;
        final Teacher teacher;

        Fixture() {
            this(SPEC);
        }

        Fixture(DetectorSpec spec) {
            this.spec = spec;
            student = DetectorParams.initial(spec, H, H, 3);
            // a teacher that differs from the student, as after some EMA steps (the same for every fixture)
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(11);
            teacherParams = student.copy();
            teacherParams.trainable().forEach((k, v) -> v.addi(org.nd4j.linalg.factory.Nd4j.randn(v.dataType(), v.shape())
                    .muli(0.02)));
            ShapesDataset ds = new ShapesDataset(1, ShapesDataset.Split.TRAIN, 8, H);
            TargetEncoder enc = new TargetEncoder(new AnchorGenerator(SPEC.anchors()).all(H, H), 5, Compute.reference().boxes());
            SupervisedBatches lab = new SupervisedBatches(new SubsetSource(ds, new int[] {0, 1, 2, 3}), enc,
                    Compute.reference().images(), 2, H, H, AugmentConfig.standard(), 1);
            UnlabeledViews unl = new UnlabeledViews(new SubsetSource(ds, new int[] {4, 5, 6, 7}), Compute.reference().images(),
                    2, H, H, AugmentConfig.standard(), StrongAugment.defaults(), 1);
            batch = new SemiBatch(lab.make(0), unl.make(0));
            teacher = new Teacher(spec, teacherParams, H, H);
        }

        TrainingGraph.Result terms(SemiSupervisedConfig semi) {
            return terms(semi, SoftTargets.of(semi, spec, H, H), new LinkedHashMap<>());
        }

        TrainingGraph.Result terms(SemiSupervisedConfig semi, TeacherTargets targets, Map<String, Double> stats) {
            StudentObjective obj = new StudentObjective(semi, SupervisedLoss.Config.retinaNet(), H, H, 2, 2);
            // a copy: BN running statistics move with every step, the parameters do not
            TrainingGraph g = new TrainingGraph(spec, student.copy(), 0, obj);
            Map<String, INDArray> in = SemiSupervisedStep.studentInputs(batch, obj, teacher, targets, stats);
            try {
                return g.step(in);
            } finally {
                in.values().forEach(INDArray::close);
            }
        }
    }

    private static SemiSupervisedConfig sed(Map<String, Object> changes) {
        return semi("sed", changes);
    }

    private static SemiSupervisedConfig semi(String method, Map<String, Object> changes) {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode n = m.valueToTree(SemiSupervisedConfig.defaults());
        n.put("method", method);
        changes.forEach((k, v) -> n.set(k, m.valueToTree(v)));
        try {
            return m.treeToValue(n, SemiSupervisedConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSame(Map<String, Double> want, Map<String, Double> got, Set<String> keys, String what) {
        for (String k : keys) {
            assertEquals(want.get(k), got.get(k), TOL * Math.max(1, Math.abs(want.get(k))), what + ": " + k);
        }
    }

    @Test
    void eachSwitchRemovesExactlyItsTerm() {
        Fixture f = new Fixture();
        Map<String, Double> all = f.terms(sed(Map.of())).losses();
        assertEquals(Set.of("loss_cls", "loss_box", "same_cls", "same_box", "scale_cls", "scale_box"), all.keySet());
        all.values().forEach(v -> assertTrue(v > 0 && Double.isFinite(v), all.toString()));

        Map<String, Double> noScale = f.terms(sed(Map.of("scalePairs", false))).losses();
        assertEquals(Set.of("loss_cls", "loss_box", "same_cls", "same_box"), noScale.keySet());
        assertSame(all, noScale, noScale.keySet(), "without scale pairs");

        Map<String, Double> noSame = f.terms(sed(Map.of("sameScalePairs", false))).losses();
        assertEquals(Set.of("loss_cls", "loss_box", "scale_cls", "scale_box"), noSame.keySet());
        assertSame(all, noSame, noSame.keySet(), "without same-scale pairs");

        Map<String, Double> noGamma = f.terms(sed(Map.of("gamma", 0.0))).losses();
        assertSame(all, noGamma, Set.of("loss_cls", "loss_box", "same_box", "scale_box"), "without re-weighting");
        assertNotEquals(all.get("same_cls"), noGamma.get("same_cls"));
        assertNotEquals(all.get("scale_cls"), noGamma.get("scale_cls"));

        Map<String, Double> noFg = f.terms(sed(Map.of("foregroundWeight", false))).losses();
        assertSame(all, noFg, Set.of("loss_cls", "loss_box", "same_cls", "scale_cls"), "without foreground weight");
        assertNotEquals(all.get("same_box"), noFg.get("same_box"));

        Map<String, Double> hard = f.terms(sed(Map.of("softTargets", false))).losses();
        assertSame(all, hard, Set.of("loss_cls", "loss_box"), "hard targets");
        assertNotEquals(all.get("same_cls"), hard.get("same_cls"));
    }

    @Test
    void lambdasScaleTheirTerms() {
        Fixture f = new Fixture();
        Map<String, Double> all = f.terms(sed(Map.of())).losses();
        Map<String, Double> half = f.terms(sed(Map.of("lambdaUnsup", 1.0, "lambdaScale", 0.5))).losses();
        assertSame(all, half, Set.of("loss_cls", "loss_box"), "supervised terms");
        for (String k : new String[] {"same_cls", "same_box"}) {
            assertEquals(all.get(k) / 2, half.get(k), TOL * all.get(k), k);
        }
        for (String k : new String[] {"scale_cls", "scale_box"}) {
            assertEquals(all.get(k) / 4, half.get(k), TOL * all.get(k), k);
        }
        Map<String, Double> noScaleWeight = f.terms(sed(Map.of("lambdaScale", 0.0))).losses();
        assertEquals(Set.of("loss_cls", "loss_box", "same_cls", "same_box"), noScaleWeight.keySet());
    }

    /**
     * The foreground normaliser divides every distillation term by the foreground's mass instead
     * of all anchors' (so each grows by the same factor, the supervised terms stay); the
     * foreground box set changes only the regression terms.
     */
    @Test
    void foregroundSelectionChangesExactlyTheTermsItNames() {
        Fixture f = new Fixture();
        Map<String, Double> all = f.terms(sed(Map.of())).losses();
        Map<String, Double> norm = f.terms(sed(Map.of("normalizer", "foreground"))).losses();
        assertSame(all, norm, Set.of("loss_cls", "loss_box"), "supervised terms under the foreground normaliser");
        // each pair set has its own N (scale pairs see teacher levels 4..7 only): one factor per set
        for (String set : new String[] {"same", "scale"}) {
            double factor = norm.get(set + "_cls") / all.get(set + "_cls");
            assertTrue(factor > 2, "Σ_F w is a small part of Σ_Ω w: factor " + factor + " for " + set);
            assertEquals(factor, norm.get(set + "_box") / all.get(set + "_box"), 1e-3 * factor, set + "_box");
        }
        Map<String, Double> box = f.terms(sed(Map.of("boxAnchors", "foreground"))).losses();
        assertSame(all, box, Set.of("loss_cls", "loss_box", "same_cls", "scale_cls"), "foreground box anchors");
        assertTrue(box.get("same_box") < all.get("same_box") && box.get("scale_box") < all.get("scale_box"),
                "summing over F only removes non-negative terms: " + box + " vs " + all);
        Map<String, Double> wider = f.terms(sed(Map.of("boxAnchors", "foreground", "foregroundFraction", 0.2))).losses();
        assertTrue(wider.get("same_box") > box.get("same_box"), "a larger F keeps more of the sum");
    }

    /**
     * λ_u(t) ramps after burn-in: the distillation terms at the ramp's first step are λ_u/ramp
     * of the unramped ones. Separate BatchNorm passes give the labeled batch and u_s statistics of
     * their own, which changes the terms of both; joint is SED-SPEC's reading.
     */
    @Test
    void theRampScalesTheDistillationAndSeparateBatchNormChangesTheStatistics() {
        Fixture f = new Fixture();
        SemiSupervisedConfig plain = sed(Map.of("burnIn", 0));
        SemiSupervisedConfig ramped = sed(Map.of("burnIn", 0, "lambdaRamp", 4));
        assertEquals(plain.lambdaUnsup() / 4, ramped.lambdaUnsupAt(0), 1e-12);
        assertEquals(plain.lambdaUnsup() / 2, ramped.lambdaUnsupAt(1), 1e-12);
        assertEquals(plain.lambdaUnsup(), ramped.lambdaUnsupAt(3), 1e-12);
        assertEquals(plain.lambdaUnsup(), ramped.lambdaUnsupAt(100), 1e-12);
        assertEquals(0, f.batch.unlabeled().iteration(), "the fixture's batch is iteration 0's");
        Map<String, Double> all = f.terms(plain).losses();
        Map<String, Double> quarter = f.terms(ramped).losses();
        assertSame(all, quarter, Set.of("loss_cls", "loss_box"), "supervised terms under the ramp");
        for (String k : new String[] {"same_cls", "same_box", "scale_cls", "scale_box"}) {
            assertEquals(all.get(k) / 4, quarter.get(k), TOL * all.get(k), k);
        }
        Map<String, Double> separate = f.terms(sed(Map.of("burnIn", 0, "batchNorm", "separate"))).losses();
        assertEquals(all.keySet(), separate.keySet());
        // (at initialisation the classification logits hardly depend on the features: compare boxes)
        for (String k : new String[] {"loss_box", "same_box"}) {
            assertTrue(Math.abs(all.get(k) - separate.get(k)) > 1e-3 * Math.abs(all.get(k)),
                    k + ": joint " + all.get(k) + ", separate " + separate.get(k));
        }
        // the half view u_s↓ is a pass of its own in both modes
        assertEquals(all.get("scale_box"), separate.get("scale_box"), TOL * all.get("scale_box"));
    }

    /**
     * Mean teacher's pseudo term when the teacher gives no pseudo-box (an initial detector scores
     * about the prior 0.01, below 0.7): all of u_s is background, summed over its anchors. Divided
     * by max(1, 0) = 1 with {@code pseudo}, by the labeled batch's positives with {@code joint};
     * the labeled terms do not change.
     */
    @Test
    void thePseudoNormalizerDividesTheBackgroundOnlyTermByTheLabeledPositives() {
        Fixture f = new Fixture();
        TargetEncoder enc = new TargetEncoder(new AnchorGenerator(SPEC.anchors()).all(H, H), 5, Compute.reference().boxes());
        Map<String, Map<String, Double>> losses = new LinkedHashMap<>();
        for (PseudoNormalizer p : PseudoNormalizer.values()) {
            SemiSupervisedConfig mt = semi("mean-teacher", Map.of("burnIn", 0, "pseudoNormalizer", p.label()));
            Map<String, Double> stats = new LinkedHashMap<>();
            losses.put(p.label(), f.terms(mt, new PseudoLabeler(SPEC.anchors(), H, H, enc, Compute.reference().boxes(),
                    mt.pseudoThreshold(), mt.pseudoNormalizer()), stats).losses());
            assertEquals(0.0, stats.get("pseudo_boxes_per_image"), "an initial teacher gives no pseudo-box at 0.7");
        }
        Map<String, Double> own = losses.get("pseudo");
        Map<String, Double> joint = losses.get("joint");
        assertEquals(Set.of("loss_cls", "loss_box", "pseudo_cls", "pseudo_box"), own.keySet());
        assertSame(own, joint, Set.of("loss_cls", "loss_box", "pseudo_box"), "joint normaliser");
        assertEquals(0.0, own.get("pseudo_box"));
        int positives = f.batch.labeled().numPositives();
        assertTrue(positives > 1, "the labeled batch has positives: " + positives);
        assertTrue(own.get("pseudo_cls") > 0);
        assertEquals(own.get("pseudo_cls") / positives, joint.get("pseudo_cls"), TOL * joint.get("pseudo_cls"));
        assertEquals(7f, PseudoNormalizer.JOINT.of(3, 4));
        assertEquals(1f, PseudoNormalizer.PSEUDO.of(0, 4));
    }

    /**
     * With the half view's P2 the scale-equivalent term pairs every full-view level (full P3 too):
     * the other terms are unchanged, the P2 parameters get gradients from it alone, and a step whose
     * graph has no half view (no scale pairs) leaves them as they are where the optimizer knows them
     * as optional, and is refused where it does not.
     */
    @Test
    void halfViewP2PairsTheFullViewsP3() {
        Fixture base = new Fixture();
        Fixture p2 = new Fixture(SPEC.withP2(true));
        TrainingGraph.Result a = base.terms(sed(Map.of()));
        TrainingGraph.Result b = p2.terms(sed(Map.of()));
        Set<String> shared = Set.of("loss_cls", "loss_box", "same_cls", "same_box");
        assertSame(a.losses(), b.losses(), shared, "terms without the half view");
        assertTrue(Math.abs(b.losses().get("scale_cls") - a.losses().get("scale_cls")) > 1e-4 * a.losses().get("scale_cls"),
                a.losses() + " vs " + b.losses());
        for (String k : List.of("fpn.lateral2.w", "fpn.output2.w")) {
            assertTrue(b.gradients().get(k).norm2Number().doubleValue() > 0, k);
            assertTrue(!a.gradients().containsKey(k), k);
        }

        // no scale pairs: no half view, no P2 in the graph, no gradient for it
        StudentObjective obj = new StudentObjective(sed(Map.of("scalePairs", false)), SupervisedLoss.Config.retinaNet(),
                H, H, 2, 2);
        TrainingGraph g = new TrainingGraph(p2.spec, p2.student, 0, obj);
        Map<String, INDArray> in = SemiSupervisedStep.studentInputs(p2.batch, obj, p2.teacher, new SoftTargets(),
                new LinkedHashMap<>());
        OptimizerConfig adamw = new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 1e-3, 0.9, 0.05, 0.9, 0.999, 1e-8, 10);
        try (TrainingGraph.Result r = g.step(in)) {
            assertTrue(!r.gradients().containsKey("fpn.lateral2.w"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Optimizer(adamw).step(p2.student.trainable(), r.gradients(), 1e-3));
            assertTrue(e.getMessage().startsWith("no gradient for parameter fpn."), e.getMessage());
            INDArray before = p2.student.get("fpn.lateral2.w").dup();
            INDArray headBefore = p2.student.get("head.cls.out.w").dup();
            new Optimizer(adamw, p2.spec::frozen, p2.spec::halfViewOnly).step(p2.student.trainable(), r.gradients(), 1e-3);
            assertEquals(before, p2.student.get("fpn.lateral2.w"), "P2 untouched, not even decayed");
            assertTrue(!headBefore.equals(p2.student.get("head.cls.out.w")), "the rest is updated");
        } finally {
            in.values().forEach(INDArray::close);
        }
    }

    /**
     * Eight AdamW steps of the student on one fixed batch against a fixed teacher lower the
     * unsupervised loss (the student moves toward the teacher), through weights shared by the
     * full and the half pass.
     */
    @Test
    void fewStepsOnAFixedBatchLowerTheUnsupervisedLoss() {
        Fixture f = new Fixture();
        StudentObjective obj = new StudentObjective(sed(Map.of()), SupervisedLoss.Config.retinaNet(), H, H, 2, 2);
        TrainingGraph g = new TrainingGraph(SPEC, f.student, 0, obj);
        Optimizer opt = new Optimizer(new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 1e-3, 0.9, 0, 0.9, 0.999, 1e-8, 10));
        double first = 0;
        double last = 0;
        for (int i = 0; i < 8; i++) {
            Map<String, INDArray> in = SemiSupervisedStep.studentInputs(f.batch, obj, f.teacher, new SoftTargets(),
                    new LinkedHashMap<>());
            try (TrainingGraph.Result r = g.step(in)) {
                double unsup = r.losses().get("same_cls") + r.losses().get("same_box") + r.losses().get("scale_cls")
                        + r.losses().get("scale_box");
                if (i == 0) {
                    first = unsup;
                }
                last = unsup;
                opt.step(f.student.trainable(), r.gradients(), 1e-3);
            } finally {
                in.values().forEach(INDArray::close);
            }
        }
        assertTrue(last < 0.8 * first, "unsupervised loss " + first + " -> " + last);
    }
}
