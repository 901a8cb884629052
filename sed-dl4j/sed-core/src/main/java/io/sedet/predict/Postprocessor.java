package io.sedet.predict;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.ImageSize;
import io.sedet.kernels.box.BoxKernels;
import io.sedet.model.InferenceGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense outputs → detections of one image: per level, the top-k (anchor, class) pairs above the
 * score threshold; their boxes decoded from the anchors, clipped to the image (boxes left empty
 * by clipping are dropped); per-class NMS over all levels; the best {@code detectionsPerImage}; and boxes divided by the input scale so they
 * are in the original image's pixels.
 */
public final class Postprocessor {
    private final PostprocessConfig cfg;
    private final float[] anchors;
    private final int[] levelStart; // anchor index where each level starts, plus the total
    private final BoxKernels kernels;

    /** @param kernels where score thresholding, decoding and NMS run */
    public Postprocessor(AnchorSpec spec, int height, int width, BoxKernels kernels, PostprocessConfig cfg) {
        AnchorGenerator gen = new AnchorGenerator(spec);
        this.anchors = gen.all(height, width);
        this.levelStart = new int[spec.numLevels() + 1];
        for (int l = spec.minLevel(), i = 0; l <= spec.maxLevel(); l++, i++) {
            levelStart[i + 1] = levelStart[i] + gen.count(l, height, width);
        }
        this.kernels = kernels;
        this.cfg = cfg;
    }

    /**
     * @param out        the inference output of the batch
     * @param b          image slot in the batch
     * @param scale      factor the original image was resized by
     * @param placed     the resized image's size inside the canvas (boxes are clipped to it)
     */
    public List<PredictedBox> detections(InferenceGraph.Output out, int b, double scale, ImageSize placed) {
        int imageW = placed.width();
        int imageH = placed.height();
        int n = out.numAnchors();
        int c = out.numClasses();
        float[] scores = out.scores();
        int base = b * n * c;
        // per level: (anchor, class) pairs above the threshold, the top-k by score (ties: lower index first)
        int[] candAnchor = new int[0];
        int[] candClass = new int[0];
        float[] candScores = new float[0];
        for (int l = 0; l + 1 < levelStart.length; l++) {
            int off = base + levelStart[l] * c;
            int[] above = kernels.above(scores, off, (levelStart[l + 1] - levelStart[l]) * c, (float) cfg.scoreThreshold());
            int[] order = byScore(scores, off, above);
            int k = Math.min(cfg.topKPerLevel(), above.length);
            int m0 = candAnchor.length;
            candAnchor = Arrays.copyOf(candAnchor, m0 + k);
            candClass = Arrays.copyOf(candClass, m0 + k);
            candScores = Arrays.copyOf(candScores, m0 + k);
            for (int j = 0; j < k; j++) {
                int flat = above[order[j]];
                candAnchor[m0 + j] = levelStart[l] + flat / c;
                candClass[m0 + j] = flat % c;
                candScores[m0 + j] = scores[off + flat];
            }
        }
        int m = candAnchor.length;
        int[] deltaIndex = new int[m];
        for (int j = 0; j < m; j++) {
            deltaIndex[j] = b * n + candAnchor[j];
        }
        float[] decoded = kernels.decode(anchors, out.deltas(), candAnchor, deltaIndex, imageW, imageH);
        // boxes clipped to nothing (predicted in the padding or off the image) are not detections
        int kept = 0;
        for (int j = 0; j < m; j++) {
            if (decoded[4 * j + 2] > decoded[4 * j] && decoded[4 * j + 3] > decoded[4 * j + 1]) {
                System.arraycopy(decoded, 4 * j, decoded, 4 * kept, 4);
                candScores[kept] = candScores[j];
                candClass[kept] = candClass[j];
                kept++;
            }
        }
        float[] boxes = Arrays.copyOf(decoded, 4 * kept);
        candScores = Arrays.copyOf(candScores, kept);
        int[] classes = Arrays.copyOf(candClass, kept);
        int[] keep = kernels.nms(boxes, candScores, classes, (float) cfg.nmsThreshold());
        keep = Arrays.copyOf(keep, Math.min(keep.length, cfg.detectionsPerImage()));
        List<PredictedBox> dets = new ArrayList<>(keep.length);
        for (int j : keep) {
            dets.add(new PredictedBox((float) (boxes[4 * j] / scale), (float) (boxes[4 * j + 1] / scale),
                    (float) (boxes[4 * j + 2] / scale), (float) (boxes[4 * j + 3] / scale), candScores[j], classes[j]));
        }
        return dets;
    }

    /**
     * Positions 0..n−1 of {@code above} ordered by {@code scores[off + above[j]]}, highest first,
     * lower position first among equal scores. Scores are probabilities (≥ 0), whose float bits
     * order as the values do, so each position is sorted as one primitive key: inverted score
     * bits above, the position below.
     */
    static int[] byScore(float[] scores, int off, int[] above) {
        long[] keys = new long[above.length];
        for (int j = 0; j < above.length; j++) {
            long inverted = 0xFFFFFFFFL - Float.floatToIntBits(Math.max(0f, scores[off + above[j]]));
            keys[j] = inverted << 32 | j;
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int j = 0; j < keys.length; j++) {
            order[j] = (int) keys[j];
        }
        return order;
    }
}
