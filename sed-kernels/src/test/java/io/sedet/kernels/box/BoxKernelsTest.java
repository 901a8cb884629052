package io.sedet.kernels.box;

import io.sedet.eval.box.Boxes;
import io.sedet.eval.box.Nms;
import io.sedet.kernels.Runtimes;
import io.sedet.kernels.exec.KernelMode;
import io.sedet.kernels.exec.KernelRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every box kernel on Java threads and on OpenCL against its plain-Java reference.
 *
 * <p>Tolerances: on Java threads the kernels execute the same float operations as the references,
 * so IoU, matches, thresholds and NMS agree exactly; OpenCL may round a division differently
 * (IoU within 1e-6; matches and NMS are compared on inputs with no IoU within 1e-4 of a
 * threshold, plus exact-valued cases). Encoding/decoding: the reference {@link BoxCoder} computes
 * in double, the kernels in float — within 1e-4 (deltas) and 1e-3 px (boxes up to 1000 px).
 */
class BoxKernelsTest {
    private static float[] randomBoxes(Random r, int n, float extent, float maxSize) {
        float[] b = new float[4 * n];
        for (int i = 0; i < n; i++) {
            float x = r.nextFloat() * extent;
            float y = r.nextFloat() * extent;
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 1 + r.nextFloat() * maxSize;
            b[4 * i + 3] = y + 1 + r.nextFloat() * maxSize;
        }
        return b;
    }

    /** Zero-area, inverted, NaN-coordinate and duplicate boxes among ordinary ones. */
    private static float[] adversarialBoxes() {
        return new float[] {
            10, 10, 50, 50,
            10, 10, 10, 50,            // zero width
            20, 20, 20, 20,            // a point
            60, 60, 40, 40,            // inverted
            Float.NaN, 0, 30, 30,      // NaN coordinate
            10, 10, 50, 50,            // duplicate of the first
            0, 0, 1000, 1000,          // covers everything
            30, 10, 70, 50,            // IoU exactly 1/3 with the first
        };
    }

    private static BoxKernels kernels(String runtime) {
        return BoxKernels.retinaNet(Runtimes.get(runtime));
    }

    private static final BoxKernels REFERENCE = BoxKernels.retinaNet(KernelRuntime.reference());

    private static boolean exact(String runtime) {
        return Runtimes.get(runtime).mode() == KernelMode.JAVA_THREADS;
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void iouMatchesReference(String runtime) {
        Random r = new Random(1);
        float[][][] cases = {
            {randomBoxes(r, 300, 500, 200), randomBoxes(r, 17, 500, 200)},
            {adversarialBoxes(), adversarialBoxes()},
            {randomBoxes(r, 1, 100, 50), randomBoxes(r, 1, 100, 50)},
            {new float[0], randomBoxes(r, 3, 100, 50)},
            {randomBoxes(r, 5, 100, 50), new float[0]},
        };
        for (float[][] c : cases) {
            float[] want = BoxIou.pairwise(c[0], c[1]);
            float[] got = kernels(runtime).iou(c[0], c[1]);
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], exact(runtime) ? 0 : 1e-6, "pair " + i);
            }
        }
        float[] adv = kernels(runtime).iou(adversarialBoxes(), adversarialBoxes());
        int n = adversarialBoxes().length / 4;
        assertEquals(0f, adv[1 * n + 1]);     // zero-area box with itself
        assertEquals(0f, adv[3 * n + 3]);     // inverted box with itself
        assertEquals(0f, adv[4 * n + 0]);     // NaN coordinate
        assertEquals(1f, adv[0 * n + 5]);     // duplicates
        assertEquals(1f / 3f, adv[0 * n + 7], 1e-7);
    }

    /** No IoU of the row lies within 1e-4 of the matcher's thresholds 0.4 and 0.5. */
    private static boolean clearOfThresholds(float[] iou) {
        for (float v : iou) {
            if (Math.abs(v - 0.5f) < 1e-4 || Math.abs(v - 0.4f) < 1e-4) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void matchingMatchesReference(String runtime) {
        Random r = new Random(2);
        int compared = 0;
        int total = 0;
        for (int t = 0; t < 5; t++) {
            float[] anchors = randomBoxes(r, 2000, 400, 120);
            float[] gt = randomBoxes(r, 1 + r.nextInt(12), 400, 120);
            int[] want = REFERENCE.match(anchors, gt);
            int[] got = kernels(runtime).match(anchors, gt);
            if (exact(runtime)) {
                assertArrayEquals(want, got, "case " + t);
                compared += want.length;
            } else {
                // OpenCL may round an IoU on a threshold the other way: compare every anchor clear of them
                float[] iou = BoxIou.pairwise(anchors, gt);
                int g = gt.length / 4;
                for (int i = 0; i < want.length; i++) {
                    if (clearOfThresholds(java.util.Arrays.copyOfRange(iou, i * g, (i + 1) * g))) {
                        assertEquals(want[i], got[i], "case " + t + ", anchor " + i);
                        compared++;
                    }
                }
            }
            total += want.length;
        }
        assertTrue(compared >= 0.95 * total, "only " + compared + " of " + total + " anchors were compared");
        // no ground truth: all background; one box; adversarial boxes on both sides
        float[] anchors = randomBoxes(r, 50, 100, 60);
        assertArrayEquals(REFERENCE.match(anchors, new float[0]), kernels(runtime).match(anchors, new float[0]));
        assertArrayEquals(REFERENCE.match(anchors, new float[] {5, 5, 40, 40}), kernels(runtime).match(anchors, new float[] {5, 5, 40, 40}));
        assertArrayEquals(REFERENCE.match(adversarialBoxes(), adversarialBoxes()), kernels(runtime).match(adversarialBoxes(), adversarialBoxes()));
        assertArrayEquals(new int[0], kernels(runtime).match(new float[0], new float[] {5, 5, 40, 40}));
    }

    /** 100k anchors × 100 ground truths (a 10M-entry IoU matrix). */
    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void largeMatching(String runtime) {
        Random r = new Random(3);
        float[] anchors = randomBoxes(r, 100_000, 1000, 300);
        float[] gt = randomBoxes(r, 100, 1000, 300);
        int[] want = REFERENCE.match(anchors, gt);
        int[] got = kernels(runtime).match(anchors, gt);
        if (exact(runtime)) {
            assertArrayEquals(want, got);
        } else {
            float[] iou = BoxIou.pairwise(anchors, gt);
            int differ = 0;
            for (int i = 0; i < want.length; i++) {
                if (want[i] != got[i]) {
                    differ++;
                    // only anchors on a threshold or a tie may differ
                    float best = 0;
                    for (int j = 0; j < 100; j++) {
                        best = Math.max(best, iou[i * 100 + j]);
                    }
                    assertTrue(Math.abs(best - 0.5f) < 1e-5 || Math.abs(best - 0.4f) < 1e-5, "anchor " + i);
                }
            }
            assertTrue(differ <= 10, differ + " anchors differ");
        }
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void encodeAndDecodeMatchReference(String runtime) {
        Random r = new Random(4);
        float[] anchors = randomBoxes(r, 3000, 800, 300);
        float[] gt = randomBoxes(r, 9, 800, 300);
        int[] matches = REFERENCE.match(anchors, gt);
        float[] want = new float[4 * 3000 + 8];
        float[] got = new float[4 * 3000 + 8];
        Arrays.fill(got, 7f);
        REFERENCE.encode(anchors, gt, matches, want, 8);
        kernels(runtime).encode(anchors, gt, matches, got, 8);
        for (int i = 8; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4, "delta " + i);
        }
        assertEquals(7f, got[0]); // outside the written range
        // decode random deltas, including huge dw/dh (clamped) and a clip window
        float[] deltas = new float[4 * 500];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = (float) r.nextGaussian() * (i % 97 == 0 ? 50 : 1);
        }
        int[] ai = new int[400];
        int[] di = new int[400];
        for (int k = 0; k < ai.length; k++) {
            ai[k] = r.nextInt(3000);
            di[k] = r.nextInt(500);
        }
        float[] wb = REFERENCE.decode(anchors, deltas, ai, di, 900, 700);
        float[] gb = kernels(runtime).decode(anchors, deltas, ai, di, 900, 700);
        for (int i = 0; i < wb.length; i++) {
            assertEquals(wb[i], gb[i], 1e-3, "coordinate " + i);
        }
        assertEquals(0, kernels(runtime).decode(anchors, deltas, new int[0], new int[0], 900, 700).length);
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void thresholdMatchesReference(String runtime) {
        Random r = new Random(5);
        float[] scores = new float[10_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 101 == 0 ? Float.NaN : r.nextFloat();
        }
        assertArrayEquals(REFERENCE.above(scores, 100, 9000, 0.9f), kernels(runtime).above(scores, 100, 9000, 0.9f));
        float[] equal = new float[777];
        Arrays.fill(equal, 0.05f);
        assertEquals(0, kernels(runtime).above(equal, 0, equal.length, 0.05f).length);  // strictly above
        assertEquals(777, kernels(runtime).above(equal, 0, equal.length, 0.04f).length);
        assertEquals(0, kernels(runtime).above(equal, 0, 0, 0.04f).length);
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void nmsMatchesReference(String runtime) {
        Random r = new Random(6);
        for (int t = 0; t < 6; t++) {
            int n = t == 0 ? 1 : 50 + r.nextInt(1500);
            float[] boxes = randomBoxes(r, n, 600, 150);
            float[] scores = new float[n];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = t == 2 ? 0.5f : (i % 53 == 7 ? Float.NaN : r.nextFloat());
                classes[i] = r.nextInt(t == 3 ? 1 : 20);
            }
            int[] want = Nms.batched(Boxes.of(boxes), scores, classes, 0.5);
            assertArrayEquals(want, kernels(runtime).nms(boxes, scores, classes, 0.5f), "case " + t);
        }
        assertEquals(0, kernels(runtime).nms(new float[0], new float[0], new int[0], 0.5f).length);
        float[] adv = adversarialBoxes();
        int n = adv.length / 4;
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1f - 0.1f * i;
        }
        int[] cls = new int[n];
        assertArrayEquals(Nms.batched(Boxes.of(adv), s, cls, 0.5), kernels(runtime).nms(adv, s, cls, 0.5f));
        // IoU exactly 1/3 at threshold 1/3 is not suppressed (strictly greater), in both
        assertArrayEquals(Nms.batched(Boxes.of(adv), s, cls, 1.0 / 3), kernels(runtime).nms(adv, s, cls, 1f / 3f));
        float[] allNaN = {Float.NaN, Float.NaN};
        assertEquals(0, kernels(runtime).nms(new float[] {0, 0, 5, 5, 1, 1, 6, 6}, allNaN, new int[2], 0.5f).length);
    }

    @Test
    void referenceRuntimeRunsNoKernels() {
        assertEquals(KernelMode.REFERENCE, REFERENCE.runtime().mode());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> KernelRuntime.reference().run(new GtBestKernel(), 1));
    }
}
