package io.sedet.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TrainingGraph#step} reuses every array of a step through its {@link ArrayPool}; it must
 * give exactly what SameDiff's own {@code calculateGradientsAndOutputs} (no reuse) gives — loss
 * terms, every gradient and the BatchNorm running statistics, bit for bit — on a graph with two
 * passes through shared weights (as SED's student) and loss terms that other ops consume, and
 * after the first step it must allocate nothing new.
 */
class TrainingGraphReuseTest {
    private static final int H = 128;
    private static final DetectorSpec SPEC = DetectorSpec.retinaNet(new BackboneSpec(18, 0.125), 16, 1, 3);

    /** Full-size and half-size passes; each term is consumed by the total (and by its scaled copy). */
    private static final TrainingGraph.Objective TWO_PASSES = (sd, net) -> {
        SDVariable full = sd.placeHolder("full", DataType.FLOAT, -1, 3, H, H);
        SDVariable half = sd.placeHolder("half", DataType.FLOAT, -1, 3, H / 2, H / 2);
        List<RetinaNet.LevelOutput> a = net.forward(full, H, H);
        List<RetinaNet.LevelOutput> b = net.forward(half, H / 2, H / 2, 6);
        SDVariable cls = null;
        SDVariable box = null;
        for (int i = 0; i < b.size(); i++) {
            SDVariable d = a.get(i + 1).cls().sub(b.get(i).cls());   // the scale pairing: P(l+1) of full, P(l) of half
            SDVariable c = d.mul(d).mean();
            cls = cls == null ? c : cls.add(c);
            SDVariable q = a.get(i).box().mul(a.get(i).box()).mean();
            box = box == null ? q : box.add(q);
        }
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("pair", cls);
        terms.put("box", box.mul(3.0));
        return terms;
    };

    private static Map<String, INDArray> inputs(Random r) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        in.put("full", Nd4j.create(gaussian(r, 2 * 3 * H * H), new long[] {2, 3, H, H}, 'c'));
        in.put("half", Nd4j.create(gaussian(r, 2 * 3 * H * H / 4), new long[] {2, 3, H / 2, H / 2}, 'c'));
        return in;
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void reusedArraysGiveExactlyWhatSameDiffGivesWithoutReuse() {
        DetectorParams initial = DetectorParams.initial(SPEC, H, H, 5);
        // non-zero γ everywhere, so that every gradient is non-zero (zero-γ blocks pass nothing back)
        initial.trainable().forEach((k, v) -> {
            if (k.endsWith(".gamma")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).addi(0.5));
            }
        });
        DetectorParams pooled = initial.copy();
        DetectorParams reference = initial.copy();
        TrainingGraph g = new TrainingGraph(SPEC, pooled, 0, TWO_PASSES);
        TrainingGraph ref = new TrainingGraph(SPEC, reference, 0, TWO_PASSES);
        Random r = new Random(11);
        ArrayPool.Stats afterFirst = null;
        for (int step = 0; step < 4; step++) {
            Map<String, INDArray> in = inputs(r);
            try (TrainingGraph.Result a = g.step(in); TrainingGraph.Result b = ref.referenceStep(in)) {
                assertEquals(b.losses(), a.losses(), "loss terms at step " + step);
                for (String p : b.gradients().keySet()) {
                    assertArrayEquals(b.gradients().get(p).dup().data().asFloat(), a.gradients().get(p).dup().data().asFloat(),
                            "gradient of " + p + " at step " + step);
                    assertTrue(b.gradients().get(p).norm2Number().doubleValue() > 0 || p.endsWith(".b"),
                            "gradient of " + p + " is zero: the comparison would prove little");
                }
                for (String s : reference.running().keySet()) {
                    assertArrayEquals(reference.get(s).dup().data().asFloat(), pooled.get(s).dup().data().asFloat(),
                            "running statistic " + s + " after step " + step);
                }
                // the same update on both sides, so the next step sees other parameters
                for (String p : pooled.trainable().keySet()) {
                    pooled.get(p).subi(a.gradients().get(p).mul(0.05));
                    reference.get(p).subi(b.gradients().get(p).mul(0.05));
                }
            }
            in.values().forEach(INDArray::close);
            if (step == 0) {
                afterFirst = g.pool().stats();
            }
        }
        // later steps take the first step's arrays again; the only new ones are a few [C] vectors
        // per step that share their buffer with another array (not kept, see ArrayPool.release)
        ArrayPool.Stats end = g.pool().stats();
        long newBytesPerStep = (end.newBytes() - afterFirst.newBytes()) / 3;
        assertTrue(newBytesPerStep < afterFirst.newBytes() / 1000, "later steps allocated " + newBytesPerStep
                + " bytes each, the first " + afterFirst.newBytes());
        assertTrue(end.reused() - afterFirst.reused() > 3 * afterFirst.newArrays(), "later steps reuse arrays");
    }

    /**
     * Arrays given back between steps (what happens before an evaluation during training) are
     * allocated again by the next step, which computes exactly what it computed with them.
     */
    @Test
    void releasedArraysAreAllocatedAgainWithTheSameResults() {
        DetectorParams params = DetectorParams.initial(SPEC, H, H, 5);
        TrainingGraph g = new TrainingGraph(SPEC, params, 0, TWO_PASSES);
        Map<String, INDArray> in = inputs(new Random(3));
        Map<String, Double> losses;
        Map<String, float[]> grads = new java.util.HashMap<>();
        try (TrainingGraph.Result a = g.step(in)) {
            losses = a.losses();
            a.gradients().forEach((k, v) -> grads.put(k, v.dup().data().asFloat()));
        }
        ArrayPool.Stats first = g.pool().stats();
        assertTrue(g.pool().freeBytes() > 0, "the step's arrays wait in the pool");
        g.pool().close();
        assertEquals(0, g.pool().freeBytes());
        try (TrainingGraph.Result b = g.step(in)) {
            assertEquals(losses, b.losses());
            grads.forEach((k, v) -> assertArrayEquals(v, b.gradients().get(k).dup().data().asFloat(), k));
        }
        ArrayPool.Stats second = g.pool().stats();
        assertTrue(second.newBytes() - first.newBytes() >= first.newBytes() * 9 / 10,
                "allocated again: " + (second.newBytes() - first.newBytes()) + " of " + first.newBytes() + " bytes");
        in.values().forEach(INDArray::close);
    }
}
