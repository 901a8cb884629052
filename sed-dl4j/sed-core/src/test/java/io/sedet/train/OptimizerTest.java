package io.sedet.train;

import io.sedet.config.OptimizerConfig;
import io.sedet.config.ScheduleConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimizer's arithmetic against plain-Java formulas, and its refusals. */
class OptimizerTest {
    private static OptimizerConfig sgd(double momentum, double decay, double clip) {
        return new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, momentum, decay, 0.9, 0.999, 1e-8, clip);
    }

    private static OptimizerConfig adamw(double decay, double clip) {
        return new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 0.01, 0.9, decay, 0.9, 0.999, 1e-8, clip);
    }

    private static Map<String, INDArray> params(double w, double b) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("conv.w", Nd4j.createFromArray((float) w));
        p.put("conv.b", Nd4j.createFromArray((float) b));
        return p;
    }

    private static Map<String, INDArray> grads(double gw, double gb) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("conv.w", Nd4j.createFromArray((float) gw));
        g.put("conv.b", Nd4j.createFromArray((float) gb));
        return g;
    }

    @Test
    void sgdWithMomentumAndL2DecayExceptOnBiases() {
        Optimizer o = new Optimizer(sgd(0.9, 0.01, 1e9));
        Map<String, INDArray> p = params(2.0, 2.0);
        double lr = 0.5;
        double w = 2, b = 2, vw = 0, vb = 0;
        double[][] gs = {{1.0, 1.0}, {-0.5, 0.25}, {0.3, -2.0}};
        for (double[] g : gs) {
            o.step(p, grads(g[0], g[1]), lr);
            vw = 0.9 * vw + (g[0] + 0.01 * w);   // decay on the weight
            vb = 0.9 * vb + g[1];                // none on the bias
            w -= lr * vw;
            b -= lr * vb;
            assertEquals(w, p.get("conv.w").getDouble(0), 1e-5);
            assertEquals(b, p.get("conv.b").getDouble(0), 1e-5);
        }
        assertEquals(3, o.steps());
    }

    @Test
    void adamWWithBiasCorrectionAndDecoupledDecay() {
        Optimizer o = new Optimizer(adamw(0.05, 1e9));
        Map<String, INDArray> p = params(1.0, 1.0);
        double lr = 0.01;
        double w = 1, b = 1, mw = 0, vw = 0, mb = 0, vb = 0;
        double[][] gs = {{0.2, -0.4}, {0.1, 0.3}, {-0.7, 0.05}, {0.01, 0.0}};
        for (int t = 1; t <= gs.length; t++) {
            double[] g = gs[t - 1];
            o.step(p, grads(g[0], g[1]), lr);
            mw = 0.9 * mw + 0.1 * g[0];
            vw = 0.999 * vw + 0.001 * g[0] * g[0];
            mb = 0.9 * mb + 0.1 * g[1];
            vb = 0.999 * vb + 0.001 * g[1] * g[1];
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            w = w * (1 - lr * 0.05) - lr * (mw / c1) / (Math.sqrt(vw / c2) + 1e-8);
            b = b - lr * (mb / c1) / (Math.sqrt(vb / c2) + 1e-8);
            assertEquals(w, p.get("conv.w").getDouble(0), 1e-5, "weight at step " + t);
            assertEquals(b, p.get("conv.b").getDouble(0), 1e-5, "bias at step " + t);
        }
    }

    @Test
    void decayExcludesBiasesAndBatchNormAffine() {
        assertTrue(Optimizer.decays("backbone.conv1.w"));
        assertTrue(Optimizer.decays("head.cls.0.w"));
        for (String n : List.of("head.cls.0.b", "backbone.bn1.gamma", "backbone.bn1.beta")) {
            assertTrue(!Optimizer.decays(n), n);
        }
    }

    @Test
    void clipsTheGlobalNormAndReportsTheNormBeforeClipping() {
        Optimizer o = new Optimizer(sgd(0, 0, 1.0));
        Map<String, INDArray> p = params(0, 0);
        double norm = o.step(p, grads(3, 4), 1.0);                    // |g| = 5 > 1: scaled by 1/5
        assertEquals(5.0, norm, 1e-6);
        assertEquals(-3.0 / (5 + 1e-6), p.get("conv.w").getDouble(0), 1e-6);
        assertEquals(-4.0 / (5 + 1e-6), p.get("conv.b").getDouble(0), 1e-6);
        Map<String, INDArray> q = params(0, 0);
        new Optimizer(sgd(0, 0, 10.0)).step(q, grads(0.3, 0.4), 1.0); // under the limit: unchanged
        assertEquals(-0.3, q.get("conv.w").getDouble(0), 1e-6);
    }

    @Test
    void nonFiniteGradientsUpdateNothing() {
        Optimizer o = new Optimizer(adamw(0.05, 10.0));
        Map<String, INDArray> p = params(1.0, 2.0);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalStateException.class, () -> o.step(p, grads(bad, 0.1), 0.01));
            assertEquals(1.0, p.get("conv.w").getDouble(0));
            assertEquals(2.0, p.get("conv.b").getDouble(0));
        }
        assertEquals(0, o.steps());
        assertTrue(o.state().isEmpty());
    }

    @Test
    void aParameterWithoutGradientIsABugNotASkip() {
        Optimizer o = new Optimizer(sgd(0.9, 0, 10));
        Map<String, INDArray> p = params(1.0, 2.0);
        Map<String, INDArray> g = grads(0.1, 0.1);
        g.remove("conv.b");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.step(p, g, 0.1));
        assertTrue(e.getMessage().contains("conv.b"), e.getMessage());
        assertEquals(1.0, p.get("conv.w").getDouble(0), "nothing updated");
    }

    @Test
    void restoredStateContinuesIdentically() {
        Optimizer a = new Optimizer(adamw(0.05, 10));
        Map<String, INDArray> pa = params(1, 1);
        a.step(pa, grads(0.2, 0.1), 0.01);
        Optimizer b = new Optimizer(adamw(0.05, 10));
        b.restore(a.state(), a.steps());
        Map<String, INDArray> pb = params(pa.get("conv.w").getDouble(0), pa.get("conv.b").getDouble(0));
        a.step(pa, grads(-0.3, 0.5), 0.01);
        b.step(pb, grads(-0.3, 0.5), 0.01);
        assertEquals(pa.get("conv.w").getDouble(0), pb.get("conv.w").getDouble(0), 0.0);
        assertEquals(pa.get("conv.b").getDouble(0), pb.get("conv.b").getDouble(0), 0.0);
    }

    @Test
    void schedules() {
        ScheduleConfig cos = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 10, 0.001, List.of(), 0.1);
        assertEquals(0.001, cos.factor(0, 100), 1e-12, "warm-up starts at warmupFactor");
        assertEquals((0.001 * 0.5 + 0.5) * 0.5 * (1 + Math.cos(Math.PI * 0.05)), cos.factor(5, 100), 1e-12);
        assertEquals(0.5, cos.factor(50, 100), 1e-12, "half way: half the rate");
        assertEquals(0.0, cos.factor(100, 100), 1e-12);
        assertEquals(0.0, cos.factor(150, 100), 1e-12, "past the end: stays at 0");
        ScheduleConfig step = new ScheduleConfig(ScheduleConfig.Kind.STEP, 0, 1, List.of(60L, 80L), 0.1);
        assertEquals(1.0, step.factor(59, 90), 1e-12);
        assertEquals(0.1, step.factor(60, 90), 1e-12);
        assertEquals(0.01, step.factor(80, 90), 1e-12);
        ScheduleConfig constant = new ScheduleConfig(ScheduleConfig.Kind.CONSTANT, 4, 0.5, List.of(), 0.1);
        assertEquals(0.5, constant.factor(0, 10), 1e-12);
        assertEquals(0.75, constant.factor(2, 10), 1e-12);
        assertEquals(1.0, constant.factor(4, 10), 1e-12);
    }
}
