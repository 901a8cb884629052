package io.sedet.data;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.backend.Compute;
import io.sedet.io.InputException;
import io.sedet.kernels.box.BoxCoder;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Supervised targets on hand-made anchors, pixels and boxes of a flipped image, and prefetch errors. */
class TargetsAndFlipTest {
    /**
     * Five anchors against one box [0, 0, 10, 10] of label 2 (3 classes): IoU 1 and 0.83 are
     * positive, 0.45 is ignored (between 0.4 and 0.5), 0 and 0.33 are negative.
     */
    @Test
    void targetEncoderWritesOneHotWeightsAndDeltasAtItsSlot() {
        float[] anchors = {0, 0, 10, 10, 0, 0, 10, 12, 0, 0, 10, 22, 50, 50, 60, 60, 0, 0, 10, 30};
        TargetEncoder enc = new TargetEncoder(anchors, 3, Compute.reference().boxes());
        int n = 5;
        float[] cls = new float[2 * n * 3];
        float[] clsW = new float[2 * n];
        float[] box = new float[2 * n * 4];
        float[] boxW = new float[2 * n];
        Arrays.fill(cls, 7f);
        Arrays.fill(clsW, 7f);
        Arrays.fill(boxW, 7f);
        int pos = enc.encode(new float[] {0, 0, 10, 10}, new int[] {2}, 1, cls, clsW, box, boxW);
        assertEquals(2, pos);
        float[] slot1 = Arrays.copyOfRange(cls, n * 3, 2 * n * 3);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, slot1);
        assertArrayEquals(new float[] {1, 1, 0, 1, 1}, Arrays.copyOfRange(clsW, n, 2 * n));
        assertArrayEquals(new float[] {1, 1, 0, 0, 0}, Arrays.copyOfRange(boxW, n, 2 * n));
        float[] d1 = Arrays.copyOfRange(box, 4 * (n + 1), 4 * (n + 2));
        // anchor [0,0,10,12] -> box [0,0,10,10]: dx 0, dy (5 - 6) / 12, dw log 1, dh log(10 / 12)
        assertArrayEquals(new float[] {0, (float) (-1.0 / 12), 0, (float) Math.log(10.0 / 12)}, d1, 1e-6f);
        assertArrayEquals(new float[4], Arrays.copyOfRange(box, 4 * n, 4 * (n + 1)), 1e-7f, "exact match: zero deltas");
        for (int i = 0; i < n; i++) {
            assertEquals(7f, clsW[i], "slot 0 was written");
        }
        // no ground truth: every anchor a weighted negative
        pos = enc.encode(new float[0], new int[0], 0, cls, clsW, box, boxW);
        assertEquals(0, pos);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, Arrays.copyOfRange(clsW, 0, n));
        assertArrayEquals(new float[n * 3], Arrays.copyOfRange(cls, 0, n * 3));
    }

    /** One 128x128 image: black, one white rectangle left of centre, annotated with its box. */
    private static DetectionSource leftRectangle() {
        BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(8, 16, 32, 48); // x 8..40, y 16..64
        g.dispose();
        return new DetectionSource() {
            @Override
            public List<String> classNames() {
                return List.of("box");
            }

            @Override
            public int size() {
                return 1;
            }

            @Override
            public String id(int index) {
                return "left";
            }

            @Override
            public Sample get(int index) {
                return new Sample("left", img, new float[] {8, 16, 40, 64}, new int[] {0});
            }
        };
    }

    /** A flipped training image and its targets agree: the positives decode to the mirrored box, where the pixels now are. */
    @Test
    void flipMovesPixelsAndBoxesTogether() {
        float[] anchors = new AnchorGenerator(AnchorSpec.retinaNet()).all(128, 128);
        TargetEncoder enc = new TargetEncoder(anchors, 1, Compute.reference().boxes());
        SupervisedBatches batches = new SupervisedBatches(leftRectangle(), enc, Compute.reference().images(), 1, 128, 128,
                new AugmentConfig(1.0, 0.0, 1.0, 1.0), 1);
        TrainBatch b = batches.make(0);
        assertTrue(b.numPositives() > 0);
        BoxCoder coder = BoxCoder.unit();
        float[] decoded = new float[4];
        for (int i = 0; i < anchors.length / 4; i++) {
            if (b.boxWeight()[i] == 1f) {
                coder.decode(anchors, 4 * i, b.boxTarget(), 4 * i, decoded, 0);
                assertArrayEquals(new float[] {88, 16, 120, 64}, decoded, 1e-3f, "positive anchor " + i);
            }
        }
        // channel 0 of the normalised image: bright inside the mirrored box, dark where the rectangle was
        float inside = b.images()[40 * 128 + 104];
        float wasThere = b.images()[40 * 128 + 24];
        float background = b.images()[100 * 128 + 64];
        assertTrue(inside > wasThere + 1 && Math.abs(wasThere - background) < 1e-6,
                "inside " + inside + ", original place " + wasThere + ", background " + background);
        // without the flip both stay where they were
        TrainBatch plain = new SupervisedBatches(leftRectangle(), enc, Compute.reference().images(), 1, 128, 128,
                new AugmentConfig(0.0, 0.0, 1.0, 1.0), 1).make(0);
        assertTrue(plain.images()[40 * 128 + 24] > plain.images()[40 * 128 + 104] + 1);
    }

    /** An error while preparing item k reaches the caller of take() for item k as the same exception. */
    @Test
    void prefetcherPassesErrorsThrough() {
        InputException bad = new InputException(java.nio.file.Path.of("img.jpg"), "cannot decode image");
        try (Prefetcher<Long> p = new Prefetcher<>(i -> {
            if (i == 3) {
                throw bad;
            }
            return i * 10;
        }, 0, 2)) {
            assertEquals(0L, p.take());
            assertEquals(10L, p.take());
            assertEquals(20L, p.take());
            InputException e = assertThrows(InputException.class, p::take);
            assertSame(bad, e);
        }
        try (Prefetcher<Long> p = new Prefetcher<>(i -> {
            throw new OutOfMemoryError("native");
        }, 5, 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, p::take);
            assertTrue(e.getCause() instanceof OutOfMemoryError);
        }
        try (Prefetcher<Long> p = new Prefetcher<>(i -> i, 7, 1)) {
            assertEquals(7L, p.take(), "starts at the given index (a resumed run)");
        }
    }
}
