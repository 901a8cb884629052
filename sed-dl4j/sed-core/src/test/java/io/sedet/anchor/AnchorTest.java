package io.sedet.anchor;

import io.sedet.kernels.box.AnchorMatcher;
import io.sedet.kernels.box.BoxCoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AnchorTest {
    private final AnchorGenerator gen = new AnchorGenerator(AnchorSpec.retinaNet());

    @Test
    void geometryOfOneLevel() {
        float[] p3 = gen.level(3, 256, 128);
        assertEquals(32 * 16 * 9 * 4, p3.length);
        // first location (y=0, x=0), scale 1, ratio 0.5: size 32, w = 32/sqrt(.5), h = 32*sqrt(.5), centre (4, 4)
        double w = 32 / Math.sqrt(0.5);
        double h = 32 * Math.sqrt(0.5);
        assertArrayEquals(new float[] {(float) (4 - w / 2), (float) (4 - h / 2), (float) (4 + w / 2), (float) (4 + h / 2)},
                java.util.Arrays.copyOfRange(p3, 0, 4), 1e-4f);
        // ratio 1, scale 1 anchor is 32x32 (index 1); the next location moves 8 px right
        assertArrayEquals(new float[] {-12, -12, 20, 20}, java.util.Arrays.copyOfRange(p3, 4, 8), 1e-5f);
        assertArrayEquals(new float[] {-4, -12, 28, 20}, java.util.Arrays.copyOfRange(p3, 9 * 4 + 4, 9 * 4 + 8), 1e-5f);
        assertEquals(gen.total(256, 128) * 4, gen.all(256, 128).length);
    }

    /** SED's pairing: anchors of P_{l-1} on the half-size image, times 2, are those of P_l on the full image. */
    @ParameterizedTest
    @CsvSource({"256,256", "384,256", "512,640"})
    void halfSizeLevelBelowIsScaleEquivalent(int h, int w) {
        for (int l = 4; l <= 7; l++) {
            float[] full = gen.level(l, h, w);
            float[] half = gen.level(l - 1, h / 2, w / 2);
            assertEquals(full.length, half.length, "P" + l);
            for (int i = 0; i < full.length; i++) {
                assertEquals(full[i], 2 * half[i], 1e-6 * Math.max(1, Math.abs(full[i])), "P" + l + " [" + i + "]");
            }
        }
    }

    @Test
    void coderRoundTrip() {
        BoxCoder coder = BoxCoder.unit();
        BoxCoder weighted = new BoxCoder(10, 10, 5, 5);
        Random r = new Random(1);
        float[] a = new float[4];
        float[] b = new float[4];
        float[] d = new float[4];
        float[] back = new float[4];
        for (int t = 0; t < 1000; t++) { // size ratios stay below 1000/16, the decode clamp
            a[0] = r.nextFloat() * 100;
            a[1] = r.nextFloat() * 100;
            a[2] = a[0] + 10 + r.nextFloat() * 200;
            a[3] = a[1] + 10 + r.nextFloat() * 200;
            b[0] = r.nextFloat() * 100;
            b[1] = r.nextFloat() * 100;
            b[2] = b[0] + 10 + r.nextFloat() * 300;
            b[3] = b[1] + 10 + r.nextFloat() * 300;
            for (BoxCoder c : new BoxCoder[] {coder, weighted}) {
                c.encode(a, 0, b, 0, d, 0);
                c.decode(a, 0, d, 0, back, 0);
                assertArrayEquals(b, back, 1e-3f);
            }
        }
        coder.encode(a, 0, a, 0, d, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0}, d, 1e-6f);
    }

    @Test
    void decodeClampsHugeScales() {
        float[] a = {0, 0, 10, 10};
        float[] out = new float[4];
        BoxCoder.unit().decode(a, 0, new float[] {0, 0, 50, 50}, 0, out, 0);
        assertEquals(10 * 1000.0 / 16, out[2] - out[0], 1e-2);
    }

    @Test
    void matcherThresholdsAndLowQualityMatches() {
        float[] anchors = {
            0, 0, 10, 10,     // IoU 1 with gt0 -> 0
            0, 0, 10, 20,     // IoU .5 with gt0 -> 0 (>= high)
            0, 0, 10, 22,     // IoU 100/220 = .45 -> ignore
            0, 0, 10, 30,     // IoU .33 -> background
            100, 100, 110, 110, // nothing -> background
            50, 50, 90, 90,   // best for gt1 (IoU 0.25 < 0.4) -> forced to 1
        };
        float[] gt = {0, 0, 10, 10, 50, 50, 70, 70};
        int[] m = AnchorMatcher.retinaNet().match(anchors, gt);
        assertArrayEquals(new int[] {0, 0, AnchorMatcher.IGNORE, AnchorMatcher.BACKGROUND, AnchorMatcher.BACKGROUND, 1}, m);
        assertArrayEquals(new int[] {AnchorMatcher.BACKGROUND, AnchorMatcher.BACKGROUND},
                AnchorMatcher.retinaNet().match(new float[] {0, 0, 1, 1, 2, 2, 3, 3}, new float[0]));
    }
}
