package io.sedet.analysis;

import io.sedet.eval.box.BoxMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How good thresholded pseudo-labels are (the SED paper's Fig. 2c): the teacher's detections
 * (after NMS) scoring at least a threshold, matched to the ground truth of the same class at an
 * IoU level; recall = matched true boxes / true boxes, precision = matched detections / detections.
 * A detection takes, in order of decreasing score, the unmatched true box of its class with the
 * largest IoU at or above the level (COCO's greedy matching); each true box is matched once.
 */
public final class PseudoLabelQuality {
    /** The IoU levels of the figure: 0.1, 0.2, …, 0.9. */
    public static final double[] IOU_LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /**
     * One image.
     *
     * @param truthBoxes  {@code [G*4]} xyxy
     * @param truthLabels {@code [G]} class index
     * @param detBoxes    {@code [D*4]} xyxy, same pixels as the truth
     * @param detLabels   {@code [D]} class index
     * @param detScores   {@code [D]} in [0, 1]
     */
    public record Image(float[] truthBoxes, int[] truthLabels, float[] detBoxes, int[] detLabels, float[] detScores) {
        public Image {
            if (truthBoxes.length != 4 * truthLabels.length || detBoxes.length != 4 * detLabels.length
                    || detLabels.length != detScores.length) {
                throw new IllegalArgumentException("boxes, labels and scores disagree in count");
            }
        }
    }

    /**
     * One point of the figure.
     *
     * @param detections detections at or above the threshold, all images
     * @param truths     true boxes, all images
     * @param matched    matched pairs
     * @param precision  matched / detections; -1 when there is no detection
     * @param recall     matched / truths; -1 when there is no true box
     */
    public record Row(double threshold, double iou, long detections, long truths, long matched, double precision,
                      double recall) {
    }

    private PseudoLabelQuality() {
    }

    /** A row per (threshold, IoU level), thresholds outermost. */
    public static List<Row> measure(List<Image> images, double[] thresholds, double[] iouLevels) {
        List<Row> rows = new ArrayList<>();
        for (double t : thresholds) {
            for (double iou : iouLevels) {
                long dets = 0;
                long truths = 0;
                long matched = 0;
                for (Image im : images) {
                    truths += im.truthLabels().length;
                    int[] kept = above(im, t);
                    dets += kept.length;
                    matched += match(im, kept, iou);
                }
                rows.add(new Row(t, iou, dets, truths, matched, dets == 0 ? -1 : matched / (double) dets,
                        truths == 0 ? -1 : matched / (double) truths));
            }
        }
        return rows;
    }

    /** Indices of the detections scoring at least {@code t}, by decreasing score (ties: input order). */
    private static int[] above(Image im, double t) {
        Integer[] idx = new Integer[im.detScores().length];
        int n = 0;
        for (int i = 0; i < idx.length; i++) {
            if (im.detScores()[i] >= t) {
                idx[n++] = i;
            }
        }
        Integer[] kept = Arrays.copyOf(idx, n);
        Arrays.sort(kept, Comparator.comparingDouble((Integer i) -> -im.detScores()[i]));
        return Arrays.stream(kept).mapToInt(Integer::intValue).toArray();
    }

    private static int match(Image im, int[] order, double iouLevel) {
        boolean[] taken = new boolean[im.truthLabels().length];
        float[] d = im.detBoxes();
        float[] g = im.truthBoxes();
        int matched = 0;
        for (int i : order) {
            int best = -1;
            double bestIou = iouLevel;
            for (int j = 0; j < taken.length; j++) {
                if (taken[j] || im.truthLabels()[j] != im.detLabels()[i]) {
                    continue;
                }
                double iou = BoxMath.iou(d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3],
                        g[4 * j], g[4 * j + 1], g[4 * j + 2], g[4 * j + 3]);
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = j;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                matched++;
            }
        }
        return matched;
    }
}
