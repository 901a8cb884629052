package io.sedet.loss;

import io.sedet.kernels.box.BoxCoder;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The GIoU box loss: value against a plain-Java GIoU of decoded boxes, and its gradient. */
class GiouLossTest {
    private static final int B = 2;
    private static final int N = 5;
    private static final float[] ANCHORS = {0, 0, 32, 32, 10, 20, 50, 40, 100, 100, 164, 132, 5, 5, 15, 25, 40, 0, 72, 64};

    private static SameDiff graph(Map<String, INDArray> ph, INDArray deltas, INDArray targets, INDArray weights) {
        SameDiff sd = SameDiff.create();
        SDVariable cls = sd.var("cls", Nd4j.zeros(DataType.DOUBLE, B, N, 2));
        SDVariable box = sd.var("box", deltas);
        SupervisedLoss.Config cfg = SupervisedLoss.Config.retinaNet().withBoxLoss(SupervisedLoss.BoxLoss.GIOU);
        SupervisedLoss.build(sd, cls, box, ANCHORS, N, 2, cfg, DataType.DOUBLE).box().rename("loss");
        sd.setLossVariables("loss");
        ph.put(SupervisedLoss.CLS_TARGET, Nd4j.zeros(DataType.DOUBLE, B, N, 2));
        ph.put(SupervisedLoss.CLS_WEIGHT, Nd4j.ones(DataType.DOUBLE, B, N));
        ph.put(SupervisedLoss.BOX_TARGET, targets);
        ph.put(SupervisedLoss.BOX_WEIGHT, weights);
        ph.put(SupervisedLoss.NORMALIZER, Nd4j.scalar(weights.sumNumber().doubleValue()));
        return sd;
    }

    private static double giou(float[] a, float[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        double c = (Math.max(a[2], b[2]) - Math.min(a[0], b[0])) * (Math.max(a[3], b[3]) - Math.min(a[1], b[1]));
        return inter / union - (c - union) / c;
    }

    @Test
    void valueMatchesDecodedBoxesAndGradientIsRight() {
        Nd4j.getRandom().setSeed(9);
        INDArray deltas = Nd4j.randn(DataType.DOUBLE, B, N, 4).muli(0.4);
        INDArray targets = Nd4j.randn(DataType.DOUBLE, B, N, 4).muli(0.4);
        // one prediction far from its target (disjoint boxes: GIoU < 0, the case GIoU exists for)
        deltas.putScalar(new long[] {1, 2, 0}, 3.0);
        INDArray weights = Nd4j.ones(DataType.DOUBLE, B, N);
        weights.putScalar(new long[] {0, 4}, 0.0);
        Map<String, INDArray> ph = new HashMap<>();
        SameDiff sd = graph(ph, deltas, targets, weights);
        double got = sd.output(ph, "loss").get("loss").getDouble(0);

        BoxCoder coder = BoxCoder.unit();
        double sum = 0;
        boolean sawNegative = false;
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < N; i++) {
                if (weights.getDouble(b, i) == 0) {
                    continue;
                }
                float[] p = new float[4];
                float[] t = new float[4];
                coder.decode(ANCHORS, 4 * i, deltas.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(i)).toFloatVector(), 0, p, 0);
                coder.decode(ANCHORS, 4 * i, targets.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(i)).toFloatVector(), 0, t, 0);
                double g = giou(p, t);
                sawNegative |= g < 0;
                sum += 1 - g;
            }
        }
        assertEquals(sum / weights.sumNumber().doubleValue(), got, 1e-4);
        assertEquals(true, sawNegative, "the case should include disjoint boxes");
        GradientCheck.check(sd, "loss", "box", ph, 30, 1e-6, 1e-5, 4);
    }
}
