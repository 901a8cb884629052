package io.sedet.data;

import io.sedet.io.InputException;
import io.sedet.kernels.image.ImageKernels;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Makes supervised batches from a {@link DetectionSource}, deterministically from
 * (seed, iteration): epoch e visits the images in a permutation drawn from (seed, e) ({@link EpochOrder}); image
 * slot b of iteration t gets its flip/jitter/scale from (seed, t, b). A batch therefore does not
 * depend on which thread made it or on what came before — resuming at iteration t continues the
 * exact same stream.
 */
public final class SupervisedBatches {
    private final DetectionSource source;
    private final TargetEncoder encoder;
    private final ImageKernels images;
    private final int batchSize;
    private final int height;
    private final int width;
    private final AugmentConfig augment;
    private final long seed;
    private final int numClasses;
    private final EpochOrder order;

    /** @param images where resize, flip, jitter and normalisation run */
    public SupervisedBatches(DetectionSource source, TargetEncoder encoder, ImageKernels images, int batchSize,
                             int height, int width, AugmentConfig augment, long seed) {
        if (source.size() == 0) {
            throw new InputException("data", "the labeled training set has no images");
        }
        this.source = source;
        this.encoder = encoder;
        this.images = images;
        this.batchSize = batchSize;
        this.height = height;
        this.width = width;
        this.augment = augment;
        this.seed = seed;
        this.numClasses = source.classNames().size();
        this.order = new EpochOrder(source.size(), batchSize, seed);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Dataset index of slot b of iteration t. */
    public int indexAt(long iteration, int b) {
        return order.indexAt(iteration, b);
    }

    /** The batch of iteration t. */
    public TrainBatch make(long iteration) {
        int n = encoder.numAnchors();
        float[] pixels = new float[batchSize * 3 * height * width];
        float[] clsTarget = new float[batchSize * n * numClasses];
        float[] clsWeight = new float[batchSize * n];
        float[] boxTarget = new float[batchSize * n * 4];
        float[] boxWeight = new float[batchSize * n];
        int pos = 0;
        for (int b = 0; b < batchSize; b++) {
            Sample s = source.get(indexAt(iteration, b));
            SplittableRandom r = new SplittableRandom((seed * 1_000_003L + iteration) * 131 + b);
            BufferedImage img = s.image();
            double scale = randomScale(r, augment, img, height, width);
            boolean flip = r.nextDouble() < augment.flipProbability();
            ImageTensors.Jitter jitter = augment.jitterStrength() > 0
                    ? ImageTensors.Jitter.random(r, augment.jitterStrength()) : ImageTensors.Jitter.NONE;
            ImageSize size = ImageTensors.place(images, img, scale, height, width, flip, jitter, pixels,
                    b * 3 * height * width);
            float[] boxes = transformBoxes(s.boxes(), (float) (size.width() / (double) img.getWidth()),
                    (float) (size.height() / (double) img.getHeight()), flip, size.width());
            pos += encoder.encode(boxes, s.labels(), b, clsTarget, clsWeight, boxTarget, boxWeight);
        }
        return new TrainBatch(iteration, batchSize, height, width, pixels, clsTarget, clsWeight, boxTarget,
                boxWeight, pos);
    }

    /**
     * The resize factor of a training image: the fit into the canvas times a factor uniform in
     * [scaleMin, scaleMax], never larger than the canvas.
     */
    public static double randomScale(SplittableRandom r, AugmentConfig augment, BufferedImage img, int height, int width) {
        double scale = ImageTensors.fitScale(ImageSize.of(img), new ImageSize(height, width), Math.min(width, height));
        double factor = augment.scaleMin() + r.nextDouble() * (augment.scaleMax() - augment.scaleMin());
        return Math.min(scale * factor, Math.min((double) width / img.getWidth(), (double) height / img.getHeight()));
    }

    /** Boxes scaled by (sx, sy) and, when flipped, mirrored within {@code imageWidth}. */
    static float[] transformBoxes(float[] boxes, float sx, float sy, boolean flip, int imageWidth) {
        float[] out = new float[boxes.length];
        for (int i = 0; i < boxes.length; i += 4) {
            float x1 = boxes[i] * sx;
            float x2 = boxes[i + 2] * sx;
            out[i] = flip ? imageWidth - x2 : x1;
            out[i + 1] = boxes[i + 1] * sy;
            out[i + 2] = flip ? imageWidth - x1 : x2;
            out[i + 3] = boxes[i + 3] * sy;
        }
        return out;
    }
}
