package io.sedet.kernels.image;

import io.sedet.kernels.Runtimes;
import io.sedet.kernels.exec.KernelMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
