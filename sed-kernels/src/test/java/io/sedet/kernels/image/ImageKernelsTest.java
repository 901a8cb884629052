package io.sedet.kernels.image;

import io.sedet.kernels.Runtimes;
import io.sedet.kernels.exec.KernelMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image kernels on Java threads (bit-identical to {@link ImageOps}) and on OpenCL (within 1e-3
 * on the [0, 255] scale for resize, 1e-5 after normalisation).
 */
class ImageKernelsTest {
    private static float[] randomImage(Random r, int c, int h, int w) {
        float[] img = new float[c * h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(256);
        }
        return img;
    }

    private static double tolerance(String runtime, double openCl) {
        return Runtimes.get(runtime).mode() == KernelMode.JAVA_THREADS ? 0 : openCl;
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void resizeMatchesReference(String runtime) {
        ImageKernels k = new ImageKernels(Runtimes.get(runtime));
        Random r = new Random(1);
        int[][] sizes = {{128, 96, 64, 48}, {37, 53, 19, 26}, {20, 30, 50, 70}, {33, 33, 33, 33}, {1, 1, 3, 2},
            {9, 5, 1, 1}, {300, 200, 100, 67}};
        for (int[] s : sizes) {
            float[] img = randomImage(r, 3, s[0], s[1]);
            float[] want = ImageOps.resize(img, 3, s[0], s[1], s[2], s[3]);
            float[] got = k.resize(img, 3, s[0], s[1], s[2], s[3]);
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], tolerance(runtime, 1e-3), "size " + java.util.Arrays.toString(s) + " at " + i);
            }
        }
    }

    @Test
    void resizeSemantics() {
        // identity, constant images stay constant, and halving averages 2x2 blocks of a smooth ramp
        Random r = new Random(2);
        float[] img = randomImage(r, 3, 16, 12);
        assertArrayEquals(img, ImageOps.resize(img, 3, 16, 12, 16, 12));
        float[] flat = new float[3 * 40 * 40];
        java.util.Arrays.fill(flat, 77f);
        for (float v : ImageOps.resize(flat, 3, 40, 40, 13, 29)) {
            assertEquals(77f, v, 1e-4);
        }
        float[] ramp = new float[8];
        for (int x = 0; x < 8; x++) {
            ramp[x] = x;
        }
        float[] half = ImageOps.resize(ramp, 1, 1, 8, 1, 4);
        // antialiased: output 1 (centre at input 3.0) averages inputs 1..4 with weights 1,3,3,1
        assertEquals((1 * 1 + 2 * 3 + 3 * 3 + 4 * 1) / 8f, half[1], 1e-6);
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void normalizeMatchesReference(String runtime) {
        ImageKernels k = new ImageKernels(Runtimes.get(runtime));
        Random r = new Random(3);
        float[] img = randomImage(r, 3, 50, 70);
        for (boolean flip : new boolean[] {false, true}) {
            float[] want = new float[5 + 3 * 64 * 128];
            float[] got = new float[5 + 3 * 64 * 128];
            java.util.Arrays.fill(got, 9f);
            ImageOps.normalize(img, 50, 70, 64, 128, flip, 0.1f, 1.2f, 0.8f, want, 5);
            k.normalize(img, 50, 70, 64, 128, flip, 0.1f, 1.2f, 0.8f, got, 5);
            for (int i = 5; i < want.length; i++) {
                assertEquals(want[i], got[i], tolerance(runtime, 1e-5), "flip " + flip + " at " + i);
            }
            assertEquals(9f, got[0]);
        }
        float[] out = new float[3 * 4 * 4];
        ImageOps.normalize(new float[] {255, 0, 0}, 1, 1, 4, 4, true, 0, 1, 1, out, 0);
        assertEquals((1 - ImageOps.MEAN[0]) / ImageOps.STD[0], out[0], 1e-6);
        assertEquals(0f, out[1]); // padding
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void blurMatchesReference(String runtime) {
        ImageKernels k = new ImageKernels(Runtimes.get(runtime));
        Random r = new Random(4);
        int[][] sizes = {{40, 60}, {1, 1}, {3, 17}, {64, 64}};
        for (double sigma : new double[] {0.3, 1.0, 2.5}) {
            float[] wts = ImageOps.gaussian(sigma);
            for (int[] s : sizes) {
                float[] img = randomImage(r, 3, s[0], s[1]);
                float[] want = ImageOps.blur(img, 3, s[0], s[1], wts);
                float[] got = k.blur(img, 3, s[0], s[1], wts);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], tolerance(runtime, 1e-3), "sigma " + sigma + " size "
                            + java.util.Arrays.toString(s) + " at " + i);
                }
            }
        }
    }

    @Test
    void blurSemantics() {
        float[] w = ImageOps.gaussian(1.0);
        assertEquals(5, w.length); // radius ceil(2 sigma)
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(w[0], w[4]);
        // a constant image stays constant (clamped borders), an impulse spreads into the kernel itself
        float[] flat = new float[3 * 9 * 7];
        java.util.Arrays.fill(flat, 50f);
        for (float v : ImageOps.blur(flat, 3, 9, 7, w)) {
            assertEquals(50f, v, 1e-4);
        }
        float[] impulse = new float[11 * 11];
        impulse[5 * 11 + 5] = 1f;
        float[] b = ImageOps.blur(impulse, 1, 11, 11, w);
        assertEquals(w[2] * w[2], b[5 * 11 + 5], 1e-7);
        assertEquals(w[0] * w[2], b[5 * 11 + 3], 1e-7);
        assertEquals(0f, b[5 * 11 + 2]);
    }

    @ParameterizedTest
    @MethodSource("io.sedet.kernels.Runtimes#names")
    void eraseMatchesReference(String runtime) {
        ImageKernels k = new ImageKernels(Runtimes.get(runtime));
        Random r = new Random(5);
        int h = 30;
        int w = 50;
        // overlapping, touching the border, partly outside, empty (x2 == x1)
        int[] rects = {0, 0, 5, 5, 3, 2, 20, 9, 45, 25, 60, 40, 10, 10, 10, 20};
        int off = 7; // the image sits at an offset in a larger batch array
        float[] want = new float[off + 3 * h * w];
        System.arraycopy(randomImage(r, 3, h, w), 0, want, off, 3 * h * w);
        float[] got = want.clone();
        ImageOps.erase(want, off, h, w, rects, -1f);
        k.erase(got, off, h, w, rects, -1f);
        assertArrayEquals(want, got);
        // the reference by hand: pixel (4, 4) is erased in all channels, (5, 0) is not, (45, 29) is,
        // (44, 29) is not; the empty rectangle erases nothing ((10, 15) is outside the others)
        int plane = h * w;
        assertEquals(-1f, want[off + 4 * w + 4]);
        assertEquals(-1f, want[off + 2 * plane + 4 * w + 4]);
        assertTrue(want[off + 5] >= 0f);
        assertEquals(-1f, want[off + 29 * w + 45]);
        assertTrue(want[off + 29 * w + 44] >= 0f);
        assertTrue(want[off + 15 * w + 10] >= 0f);
        for (int i = 0; i < off; i++) {
            assertEquals(0f, got[i]);
        }
    }
}
