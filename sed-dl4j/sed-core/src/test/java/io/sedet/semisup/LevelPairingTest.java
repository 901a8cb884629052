package io.sedet.semisup;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DenseOutputs;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.RetinaNet;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SED's level pairing on real network outputs and on the anchors it relies on. */
class LevelPairingTest {
    private static final DetectorSpec SPEC = DetectorSpec.retinaNet(new BackboneSpec(18, 0.125), 8, 1, 3);

    /**
     * A full pass on H×W and a half pass on H/2×W/2 (to P6) of one network: level l of the full view
     * and level l−1 of the half view have the same shape {@code [B, H/2^l, W/2^l, A, C]}, and the
     * flattened ranges of {@link LevelPairing#scaleEquivalent} have the same length |Ω| on both sides.
     */
    @Test
    void fullAndHalfPassesPairLevelByLevel() {
        int h = 256;
        int w = 384;
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, SPEC, new DetectorParams(), RetinaNet.Mode.INFER, DataType.FLOAT, 1);
        List<RetinaNet.LevelOutput> full = net.forward(sd.placeHolder("full", DataType.FLOAT, -1, 3, h, w), h, w);
        List<RetinaNet.LevelOutput> half = net.forward(sd.placeHolder("half", DataType.FLOAT, -1, 3, h / 2, w / 2),
                h / 2, w / 2, LevelPairing.halfMaxLevel(SPEC.anchors()));
        assertEquals(5, full.size());
        assertEquals(4, half.size()); // P3..P6: the half view's P7 has no partner and is not built
        DenseOutputs.cls(sd, full, 3, 9).rename("fullFlat");
        DenseOutputs.cls(sd, half, 3, 9).rename("halfFlat");
        String[] names = java.util.stream.Stream.concat(full.stream(), half.stream())
                .flatMap(o -> java.util.stream.Stream.of(o.cls().name(), o.box().name())).toArray(String[]::new);
        Map<String, INDArray> out = sd.output(Map.of("full", Nd4j.rand(DataType.FLOAT, 2, 3, h, w),
                "half", Nd4j.rand(DataType.FLOAT, 2, 3, h / 2, w / 2)), concat(names, "fullFlat", "halfFlat"));
        for (int l = 4; l <= 7; l++) {
            RetinaNet.LevelOutput t = full.get(l - 3);
            RetinaNet.LevelOutput s = half.get(l - 4);
            assertEquals(l, t.level());
            assertEquals(l - 1, s.level());
            long[] want = {2, h >> l, w >> l, 9, 3};
            assertArrayEquals(want, out.get(t.cls().name()).shape(), "teacher P" + l);
            assertArrayEquals(want, out.get(s.cls().name()).shape(), "student-half P" + (l - 1));
            assertArrayEquals(out.get(t.box().name()).shape(), out.get(s.box().name()).shape(), "deltas P" + l);
        }
        LevelPairing pair = LevelPairing.scaleEquivalent(SPEC.anchors(), h, w);
        int n3 = (h / 8) * (w / 8) * 9;
        assertEquals(n3, pair.teacherStart());
        assertEquals(out.get("fullFlat").size(1) - n3, pair.count());
        assertEquals(out.get("halfFlat").size(1), pair.count(), "the half view's flattened P3..P6 is exactly Ω");
        LevelPairing same = LevelPairing.sameScale(SPEC.anchors(), h, w);
        assertEquals(out.get("fullFlat").size(1), same.count());
    }

    /**
     * With the half view's P2 ({@code DetectorSpec.p2}) every full-view level has a partner: the
     * half pass P2..P6 gives full P3..P7's shapes level by level, Ω is all N anchors on both sides,
     * and the P2 parameters are drawn after every other one (the rest of the initial weights equal
     * those of the spec without P2).
     */
    @Test
    void halfViewP2PairsEveryFullLevel() {
        int h = 256;
        int w = 384;
        DetectorSpec p2 = SPEC.withP2(true);
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, p2, new DetectorParams(), RetinaNet.Mode.INFER, DataType.FLOAT, 1);
        List<RetinaNet.LevelOutput> full = net.forward(sd.placeHolder("full", DataType.FLOAT, -1, 3, h, w), h, w);
        List<RetinaNet.LevelOutput> half = net.forward(sd.placeHolder("half", DataType.FLOAT, -1, 3, h / 2, w / 2),
                h / 2, w / 2, LevelPairing.halfMinLevel(SPEC.anchors(), true), LevelPairing.halfMaxLevel(SPEC.anchors()));
        assertEquals(5, half.size()); // P2..P6
        DenseOutputs.cls(sd, full, 3, 9).rename("fullFlat");
        DenseOutputs.cls(sd, half, 3, 9).rename("halfFlat");
        String[] names = java.util.stream.Stream.concat(full.stream(), half.stream()).map(o -> o.cls().name())
                .toArray(String[]::new);
        Map<String, INDArray> out = sd.output(Map.of("full", Nd4j.rand(DataType.FLOAT, 2, 3, h, w),
                "half", Nd4j.rand(DataType.FLOAT, 2, 3, h / 2, w / 2)), concat(names, "fullFlat", "halfFlat"));
        for (int l = 3; l <= 7; l++) {
            assertEquals(l - 1, half.get(l - 3).level());
            assertArrayEquals(out.get(full.get(l - 3).cls().name()).shape(), out.get(half.get(l - 3).cls().name()).shape(),
                    "teacher P" + l + " and student-half P" + (l - 1));
        }
        LevelPairing pair = LevelPairing.scaleEquivalent(SPEC.anchors(), h, w, true);
        assertEquals(0, pair.teacherStart());
        assertEquals(out.get("fullFlat").size(1), pair.count());
        assertEquals(out.get("halfFlat").size(1), pair.count());

        DetectorParams with = DetectorParams.initial(p2, 128, 128, 7);
        DetectorParams without = DetectorParams.initial(SPEC, 128, 128, 7);
        java.util.Set<String> extra = new java.util.TreeSet<>(with.trainable().keySet());
        extra.removeAll(without.trainable().keySet());
        assertEquals(java.util.Set.of("fpn.lateral2.b", "fpn.lateral2.w", "fpn.output2.b", "fpn.output2.w"), extra);
        for (String k : without.trainable().keySet()) {
            assertEquals(without.get(k), with.get(k), k);
            assertTrue(!p2.halfViewOnly(k), k);
        }
        extra.forEach(k -> assertTrue(p2.halfViewOnly(k) && !SPEC.halfViewOnly(k), k));
        SameDiff other = SameDiff.create();
        RetinaNet noP2 = new RetinaNet(other, SPEC, new DetectorParams(), RetinaNet.Mode.INFER, DataType.FLOAT, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> noP2.forward(other.placeHolder("x", DataType.FLOAT, -1, 3, 128, 128), 128, 128, 2, 6));
        assertTrue(e.getMessage().contains("P2 needs a spec with p2"), e.getMessage());
    }

    /**
     * The anchors behind the pairing: anchor i of Ω on the full view is exactly twice anchor i of
     * the half view (to 1e-6 relative), and both sit on the same image region.
     */
    @Test
    void pairedAnchorsAreExactlyTwiceTheHalfViewAnchors() {
        AnchorGenerator g = new AnchorGenerator(AnchorSpec.retinaNet());
        for (int[] size : new int[][] {{256, 256}, {256, 384}, {512, 640}}) {
            int h = size[0];
            int w = size[1];
            LevelPairing pair = LevelPairing.scaleEquivalent(AnchorSpec.retinaNet(), h, w);
            float[] full = g.all(h, w);
            float[] half = g.all(h / 2, w / 2);
            for (int i = 0; i < pair.count(); i++) {
                for (int k = 0; k < 4; k++) {
                    float t = full[4 * (pair.teacherStart() + i) + k];
                    float s = half[4 * (pair.studentStart() + i) + k];
                    assertEquals(t, 2 * s, 1e-6 * Math.max(1, Math.abs(t)), "anchor " + i + " coordinate " + k + " at " + w + "x" + h);
                }
            }
        }
    }

    /**
     * Stride-2 pad-1 convolutions give ceil(side/2): a half view whose side is not a multiple of
     * 2^7 (a 384 canvas gives 192) cannot have a P7 of side/128; the network refuses it instead of
     * building a wrong grid, and builds P3..P6 (all SED pairs) correctly.
     */
    @Test
    void aHalfViewThatCannotHaveP7StopsAtP6() {
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, SPEC, new DetectorParams(), RetinaNet.Mode.INFER, DataType.FLOAT, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(sd.placeHolder("x7", DataType.FLOAT, -1, 3, 192, 192), 192, 192));
        assertTrue(e.getMessage().contains("192x192 is not a multiple of 128"), e.getMessage());
        List<RetinaNet.LevelOutput> half = net.forward(sd.placeHolder("x", DataType.FLOAT, -1, 3, 192, 192), 192, 192, 6);
        INDArray p6 = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 1, 3, 192, 192)), half.get(3).cls().name())
                .get(half.get(3).cls().name());
        assertArrayEquals(new long[] {1, 3, 3, 9, 3}, p6.shape());
        // a 384 canvas is a valid full view: its P7 is 3x3 and pairs with the half view's P6
        List<RetinaNet.LevelOutput> full = net.forward(sd.placeHolder("f", DataType.FLOAT, -1, 3, 384, 384), 384, 384);
        INDArray p7 = sd.output(Map.of("f", Nd4j.rand(DataType.FLOAT, 1, 3, 384, 384)), full.get(4).cls().name())
                .get(full.get(4).cls().name());
        assertArrayEquals(p6.shape(), p7.shape());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
