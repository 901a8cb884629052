package io.sedet.semisup;

import io.sedet.config.AnchorSet;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The distillation terms and their normaliser against a plain-Java evaluation of SED-SPEC's
 * formulas on a hand-made Ω of 3 anchors × 2 classes (one image), in double precision.
 */
class DistillationLossTest {
    // student logits z, teacher probabilities q, student and teacher deltas: anchor 0 confident
    // foreground, anchor 1 uncertain, anchor 2 background
    private static final double[][] Z = {{2.0, -1.0}, {0.3, 0.1}, {-4.0, -3.0}};
    private static final double[][] Q = {{0.9, 0.05}, {0.4, 0.55}, {0.01, 0.02}};
    private static final double[][] DS = {{0.1, -0.2, 0.05, 0.3}, {0.0, 0.5, -0.1, 0.02}, {1.0, 1.0, -1.0, 0.0}};
    private static final double[][] DT = {{0.12, -0.1, 0.0, 0.25}, {0.3, 0.4, -0.1, 0.0}, {0.0, 0.0, 0.0, 0.0}};

    private record Values(double cls, double box, double norm) {
    }

    /** F for the foreground cases: anchors 0 and 1 (the teacher's top 2 of 3 by max_c q). */
    private static final double[] MASK = {1, 1, 0};

    private static DistillationLoss.Config cfg(double gamma, boolean foregroundWeight, boolean softTargets) {
        return new DistillationLoss.Config(gamma, foregroundWeight, softTargets, 0.5, 1.0 / 9, AnchorSet.ALL, AnchorSet.ALL);
    }

    private static DistillationLoss.Config over(AnchorSet normalizer, AnchorSet boxAnchors, boolean foregroundWeight) {
        return new DistillationLoss.Config(2.0, foregroundWeight, true, 0.5, 1.0 / 9, normalizer, boxAnchors);
    }

    private static Values graph(DistillationLoss.Config cfg, double qScale) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.constant(Nd4j.createFromArray(Z).reshape(1, 3, 2));
        SDVariable q = sd.constant(Nd4j.createFromArray(Q).muli(qScale).reshape(1, 3, 2));
        SDVariable ds = sd.constant(Nd4j.createFromArray(DS).reshape(1, 3, 4));
        SDVariable dt = sd.constant(Nd4j.createFromArray(DT).reshape(1, 3, 4));
        SDVariable mask = cfg.selectsForeground() ? sd.constant(Nd4j.createFromArray(MASK).reshape(1, 3)) : null;
        DistillationLoss.Terms t = DistillationLoss.build(sd, z, q, ds, dt, mask, cfg);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> out = sd.output(Map.of(), t.cls().name(), t.box().name(),
                t.normalizer().name());
        return new Values(out.get(t.cls().name()).getDouble(0), out.get(t.box().name()).getDouble(0),
                out.get(t.normalizer().name()).getDouble(0));
    }

    /** SED-SPEC's formulas, written out, with F = {@link #MASK} where the config sums over it. */
    private static Values reference(DistillationLoss.Config cfg, double qScale) {
        double norm = 0;
        double cls = 0;
        double box = 0;
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                double t = target(Q[i][c] * qScale, cfg);
                w[i] = Math.max(w[i], t);
            }
            norm += cfg.normalizer() == AnchorSet.FOREGROUND ? MASK[i] * w[i] : w[i];
        }
        norm = Math.max(1, norm);
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                double t = target(Q[i][c] * qScale, cfg);
                double z = Z[i][c];
                double p = 1 / (1 + Math.exp(-z));
                double bce = Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
                double weight = cfg.gamma() == 0 ? 1 : Math.pow(Math.abs(t - p), cfg.gamma());
                cls += weight * bce;
            }
            double reg = 0;
            for (int k = 0; k < 4; k++) {
                double d = Math.abs(DS[i][k] - DT[i][k]);
                double beta = cfg.smoothL1Beta();
                reg += d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
            }
            double f = cfg.boxAnchors() == AnchorSet.FOREGROUND ? MASK[i] : 1;
            box += f * (cfg.foregroundWeight() ? w[i] : 1) * reg;
        }
        return new Values(cls / norm, box / norm, norm);
    }

    private static double target(double q, DistillationLoss.Config cfg) {
        return cfg.softTargets() ? q : (q >= cfg.hardThreshold() ? 1 : 0);
    }

    private static void check(DistillationLoss.Config cfg, double qScale) {
        Values got = graph(cfg, qScale);
        Values want = reference(cfg, qScale);
        assertEquals(want.norm(), got.norm(), 1e-12, "normaliser " + cfg);
        assertEquals(want.cls(), got.cls(), 1e-10, "cls " + cfg);
        assertEquals(want.box(), got.box(), 1e-10, "box " + cfg);
    }

    private static final DistillationLoss.Config SED = cfg(2.0, true, true);

    @Test
    void defaultTermsMatchTheFormulas() {
        check(SED, 1.0);
        // by hand: N = max(1, 0.9 + 0.55 + 0.02) = 1.47
        assertEquals(1.47, graph(SED, 1.0).norm(), 1e-12);
    }

    @Test
    void normaliserIsAtLeastOne() {
        // a teacher that sees almost nothing: Σ w = 0.147 < 1, so N = 1 and the terms are plain sums
        check(SED, 0.1);
        assertEquals(1.0, graph(SED, 0.1).norm(), 0);
    }

    @Test
    void eachSwitchChangesExactlyItsFactor() {
        check(cfg(0, true, true), 1.0);   // no re-weighting
        check(cfg(1.5, true, true), 1.0); // another γ
        check(cfg(2.0, false, true), 1.0); // no foreground weight
        check(cfg(2.0, true, false), 1.0); // hard targets
        // the switches act where they say: γ = 0 leaves the box term, the foreground weight the class term
        Values on = graph(SED, 1.0);
        Values noGamma = graph(cfg(0, true, true), 1.0);
        Values noFg = graph(cfg(2.0, false, true), 1.0);
        assertEquals(on.box(), noGamma.box(), 1e-12);
        assertEquals(on.cls(), noFg.cls(), 1e-12);
        org.junit.jupiter.api.Assertions.assertTrue(noGamma.cls() > 2 * on.cls(), "the weight suppresses agreeing anchors");
        // hard targets: N counts the anchors whose best class is at least 0.5 (anchors 0 and 1)
        assertEquals(2.0, graph(cfg(2.0, true, false), 1.0).norm(), 0);
    }

    @Test
    void foregroundSelectionNarrowsExactlyTheSumsItNames() {
        DistillationLoss.Config norm = over(AnchorSet.FOREGROUND, AnchorSet.ALL, true);
        DistillationLoss.Config box = over(AnchorSet.ALL, AnchorSet.FOREGROUND, true);
        DistillationLoss.Config both = over(AnchorSet.FOREGROUND, AnchorSet.FOREGROUND, true);
        for (DistillationLoss.Config c : new DistillationLoss.Config[] {norm, box, both,
                over(AnchorSet.FOREGROUND, AnchorSet.FOREGROUND, false)}) {
            check(c, 1.0);
            check(c, 0.1);
        }
        // by hand: N over F = max(1, 0.9 + 0.55) = 1.45; over Ω it was 1.47
        assertEquals(1.45, graph(norm, 1.0).norm(), 1e-12);
        // the box term over F drops anchor 2's w·SmoothL1 = 0.02·(1 − 1/18 + 1 − 1/18 + 1 − 1/18) and nothing else
        Values all = graph(SED, 1.0);
        double anchor2 = 0.02 * 3 * (1 - 0.5 / 9);
        assertEquals(all.box() - anchor2 / all.norm(), graph(box, 1.0).box(), 1e-12);
        assertEquals(all.cls(), graph(box, 1.0).cls(), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> {
            SameDiff sd = SameDiff.create();
            SDVariable z = sd.constant(Nd4j.createFromArray(Z).reshape(1, 3, 2));
            DistillationLoss.build(sd, z, z, z, z, null, both);
        }, "a foreground config without a mask");
    }

    /** The teacher's probabilities are constants of the student's loss: no gradient flows into them. */
    @Test
    void gradientOfTheStudentOnly() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.createFromArray(Z).reshape(1, 3, 2));
        SDVariable ds = sd.var("ds", Nd4j.createFromArray(DS).reshape(1, 3, 4));
        SDVariable q = sd.placeHolder("q", DataType.DOUBLE, 1, 3, 2);
        SDVariable dt = sd.placeHolder("dt", DataType.DOUBLE, 1, 3, 4);
        DistillationLoss.Terms t = DistillationLoss.build(sd, z, q, ds, dt, null, SED);
        t.cls().add(t.box()).rename("loss");
        sd.setLossVariables("loss");
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> ph = Map.of("q", Nd4j.createFromArray(Q).reshape(1, 3, 2),
                "dt", Nd4j.createFromArray(DT).reshape(1, 3, 4));
        io.sedet.loss.GradientCheck.check(sd, "loss", "z", ph, 6, 1e-6, 1e-5, 1e-9, 3);
        io.sedet.loss.GradientCheck.check(sd, "loss", "ds", ph, 12, 1e-6, 1e-5, 1e-9, 4);
    }
}
