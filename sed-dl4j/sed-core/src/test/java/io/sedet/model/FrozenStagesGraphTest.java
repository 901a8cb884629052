package io.sedet.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frozen stages ({@link DetectorSpec#freezeAt}) are constants of the training graph: no gradient
 * for them, and the gradients of everything else exactly as without freezing.
 */
class FrozenStagesGraphTest {
    private static final int H = 128;

    private static DetectorSpec spec(int freezeAt) {
        return DetectorSpec.retinaNet(new BackboneSpec(18, 0.125), 16, 1, 3).withFreezeAt(freezeAt);
    }

    private static final TrainingGraph.Objective SQUARES = (sd, net) -> {
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, H, H);
        SDVariable total = null;
        for (RetinaNet.LevelOutput l : net.forward(x, H, H)) {
            SDVariable t = l.cls().mul(l.cls()).mean().add(l.box().mul(l.box()).mean());
            total = total == null ? t : total.add(t);
        }
        return Map.of("squares", total);
    };

    @Test
    void frozenStagesHaveNoGradientAndTheRestIsUnchanged() {
        DetectorParams a = DetectorParams.initial(spec(0), H, H, 3);
        a.trainable().forEach((k, v) -> {
            if (k.endsWith(".gamma")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).addi(0.5));
            }
        });
        DetectorParams b = DetectorParams.of(copy(a.trainable()), copy(a.running()));
        Random r = new Random(1);
        float[] pixels = new float[2 * 3 * H * H];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        INDArray x = Nd4j.create(pixels, new long[] {2, 3, H, H}, 'c');
        try (TrainingGraph.Result all = new TrainingGraph(spec(0), a, 1, SQUARES).step(Map.of("x", x));
             TrainingGraph.Result frozen = new TrainingGraph(spec(2), b, 1, SQUARES).step(Map.of("x", x))) {
            assertEquals(all.losses(), frozen.losses());
            int compared = 0;
            for (String p : all.gradients().keySet()) {
                if (spec(2).frozen(p)) {
                    assertFalse(frozen.gradients().containsKey(p), p + " is frozen: no gradient");
                } else {
                    assertArrayEquals(all.gradients().get(p).dup().data().asFloat(),
                            frozen.gradients().get(p).dup().data().asFloat(), 1e-6f, p);
                    compared++;
                }
            }
            assertTrue(frozen.gradients().size() == compared && compared > 20, compared + " gradients compared");
            assertTrue(all.gradients().containsKey("backbone.stem.conv.w"));
        }
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
