package io.sedet.predict;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.anchor.BoxCoder;
import io.sedet.eval.box.Boxes;
import io.sedet.eval.box.Nms;
import io.sedet.model.InferenceGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense outputs → detections of one image: per level, the top-k (anchor, class) pairs above the
 * score threshold; their boxes decoded from the anchors, clipped to the image; per-class NMS over
 * all levels; the best {@code detectionsPerImage}; and boxes divided by the input scale so they
 * are in the original image's pixels.
 */
public final class Postprocessor {
    /** One detection in original-image pixels; {@code label} is the 0-based class index. */
    public record Det(float x1, float y1, float x2, float y2, float score, int label) {
    }

    private final PostprocessConfig cfg;
    private final float[] anchors;
    private final int[] levelStart; // anchor index where each level starts, plus the total
    private final BoxCoder coder;

    public Postprocessor(AnchorSpec spec, int height, int width, BoxCoder coder, PostprocessConfig cfg) {
        AnchorGenerator gen = new AnchorGenerator(spec);
        this.anchors = gen.all(height, width);
        this.levelStart = new int[spec.numLevels() + 1];
        for (int l = spec.minLevel(), i = 0; l <= spec.maxLevel(); l++, i++) {
            levelStart[i + 1] = levelStart[i] + gen.count(l, height, width);
        }
        this.coder = coder;
        this.cfg = cfg;
    }

    /**
     * @param out        the inference output of the batch
     * @param b          image slot in the batch
     * @param scale      factor the original image was resized by
     * @param imageW     width of the resized image inside the canvas (boxes are clipped to it)
     * @param imageH     height of the resized image inside the canvas
     */
    public List<Det> detections(InferenceGraph.Output out, int b, double scale, int imageW, int imageH) {
        int n = out.numAnchors();
        int c = out.numClasses();
        float[] scores = out.scores();
        int base = b * n * c;
        List<float[]> cand = new ArrayList<>(); // {anchor, class, score}
        for (int l = 0; l + 1 < levelStart.length; l++) {
            List<long[]> level = new ArrayList<>();
            for (int i = levelStart[l]; i < levelStart[l + 1]; i++) {
                for (int k = 0; k < c; k++) {
                    float s = scores[base + i * c + k];
                    if (s > cfg.scoreThreshold()) {
                        level.add(new long[] {i, k, Float.floatToIntBits(s)});
                    }
                }
            }
            level.sort((x, y) -> Float.compare(Float.intBitsToFloat((int) y[2]), Float.intBitsToFloat((int) x[2])));
            for (int j = 0; j < Math.min(cfg.topKPerLevel(), level.size()); j++) {
                long[] e = level.get(j);
                cand.add(new float[] {e[0], e[1], Float.intBitsToFloat((int) e[2])});
            }
        }
        int m = cand.size();
        float[] boxes = new float[4 * m];
        float[] candScores = new float[m];
        int[] classes = new int[m];
        float[] deltas = out.deltas();
        for (int j = 0; j < m; j++) {
            int i = (int) cand.get(j)[0];
            coder.decode(anchors, 4 * i, deltas, 4 * (b * n + i), boxes, 4 * j);
            boxes[4 * j] = clamp(boxes[4 * j], imageW);
            boxes[4 * j + 1] = clamp(boxes[4 * j + 1], imageH);
            boxes[4 * j + 2] = clamp(boxes[4 * j + 2], imageW);
            boxes[4 * j + 3] = clamp(boxes[4 * j + 3], imageH);
            classes[j] = (int) cand.get(j)[1];
            candScores[j] = cand.get(j)[2];
        }
        int[] keep = Nms.batched(Boxes.of(boxes), candScores, classes, cfg.nmsThreshold());
        keep = Arrays.copyOf(keep, Math.min(keep.length, cfg.detectionsPerImage()));
        List<Det> dets = new ArrayList<>(keep.length);
        for (int j : keep) {
            dets.add(new Det((float) (boxes[4 * j] / scale), (float) (boxes[4 * j + 1] / scale),
                    (float) (boxes[4 * j + 2] / scale), (float) (boxes[4 * j + 3] / scale), candScores[j], classes[j]));
        }
        return dets;
    }

    private static float clamp(float v, int hi) {
        return Math.max(0f, Math.min(hi, v));
    }
}
