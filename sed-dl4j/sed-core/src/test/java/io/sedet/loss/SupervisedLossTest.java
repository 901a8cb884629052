package io.sedet.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisedLossTest {
    private static final int B = 2;
    private static final int N = 7;
    private static final int C = 3;

    /** Builds the loss on free logits/deltas, with targets: anchor 0,3 positive, 5 ignored. */
    private static SameDiff graph(Map<String, INDArray> ph, INDArray logits, INDArray deltas) {
        SameDiff sd = SameDiff.create();
        SDVariable cls = sd.var("cls", logits);
        SDVariable box = sd.var("box", deltas);
        SupervisedLoss.Terms t = SupervisedLoss.build(sd, cls, box, N, C, SupervisedLoss.Config.retinaNet(), DataType.DOUBLE);
        t.total().rename("loss");
        INDArray clsT = Nd4j.zeros(DataType.DOUBLE, B, N, C);
        INDArray clsW = Nd4j.ones(DataType.DOUBLE, B, N);
        INDArray boxT = Nd4j.rand(DataType.DOUBLE, B, N, 4).subi(0.5);
        INDArray boxW = Nd4j.zeros(DataType.DOUBLE, B, N);
        for (int b = 0; b < B; b++) {
            clsT.putScalar(new long[] {b, 0, 1}, 1.0);
            clsT.putScalar(new long[] {b, 3, 2}, 1.0);
            boxW.putScalar(new long[] {b, 0}, 1.0);
            boxW.putScalar(new long[] {b, 3}, 1.0);
            clsW.putScalar(new long[] {b, 5}, 0.0);
        }
        ph.put(SupervisedLoss.CLS_TARGET, clsT);
        ph.put(SupervisedLoss.CLS_WEIGHT, clsW);
        ph.put(SupervisedLoss.BOX_TARGET, boxT);
        ph.put(SupervisedLoss.BOX_WEIGHT, boxW);
        ph.put(SupervisedLoss.NORMALIZER, Nd4j.scalar(4.0));
        return sd;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> ph = new HashMap<>();
        SameDiff sd = graph(ph, Nd4j.randn(DataType.DOUBLE, B, N, C).muli(2), Nd4j.randn(DataType.DOUBLE, B, N, 4));
        GradientCheck.check(sd, "loss", "cls", ph, 30, 1e-6, 1e-5, 1);
        GradientCheck.check(sd, "loss", "box", ph, 30, 1e-6, 1e-5, 2);
    }

    /** The loss value equals a plain-Java evaluation of the formulas. */
    @Test
    void valueMatchesReferenceFormulas() {
        Nd4j.getRandom().setSeed(5);
        Map<String, INDArray> ph = new HashMap<>();
        INDArray z = Nd4j.randn(DataType.DOUBLE, B, N, C).muli(3);
        INDArray d = Nd4j.randn(DataType.DOUBLE, B, N, 4).muli(0.3);
        SameDiff sd = graph(ph, z, d);
        Map<String, INDArray> out = sd.output(ph, SupervisedLoss.LOSS_CLS, SupervisedLoss.LOSS_BOX);
        double cls = 0;
        double box = 0;
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                double w = ph.get(SupervisedLoss.CLS_WEIGHT).getDouble(b, n);
                for (int c = 0; c < C; c++) {
                    double zz = z.getDouble(b, n, c);
                    double t = ph.get(SupervisedLoss.CLS_TARGET).getDouble(b, n, c);
                    double p = 1 / (1 + Math.exp(-zz));
                    double ce = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
                    double pt = t == 1 ? p : 1 - p;
                    double at = t == 1 ? 0.25 : 0.75;
                    cls += w * at * Math.pow(1 - pt, 2) * ce;
                }
                double bw = ph.get(SupervisedLoss.BOX_WEIGHT).getDouble(b, n);
                for (int k = 0; k < 4; k++) {
                    double diff = Math.abs(d.getDouble(b, n, k) - ph.get(SupervisedLoss.BOX_TARGET).getDouble(b, n, k));
                    double beta = 1.0 / 9;
                    box += bw * (diff < beta ? 0.5 * diff * diff / beta : diff - 0.5 * beta);
                }
            }
        }
        assertEquals(cls / 4, out.get(SupervisedLoss.LOSS_CLS).getDouble(0), 1e-10);
        assertEquals(box / 4, out.get(SupervisedLoss.LOSS_BOX).getDouble(0), 1e-10);
    }

    /** Large logits stay finite (the stable BCE form). */
    @Test
    void extremeLogitsStayFinite() {
        Map<String, INDArray> ph = new HashMap<>();
        INDArray z = Nd4j.valueArrayOf(new long[] {B, N, C}, 80.0, DataType.DOUBLE);
        SameDiff sd = graph(ph, z, Nd4j.zeros(DataType.DOUBLE, B, N, 4));
        double v = sd.output(ph, "loss").get("loss").getDouble(0);
        assertTrue(Double.isFinite(v), "loss " + v);
        assertTrue(v > 100, "confidently wrong logits give a large loss: " + v);
    }
}
