package io.sedet.analysis;

import io.sedet.eval.box.BoxMath;
import io.sedet.semisup.LevelPairing;

/**
 * How differently a detector scores the same region at two scales (the SED paper's Fig. 2b):
 * for each anchor pair of the scale-equivalent pairing ({@link LevelPairing#scaleEquivalent}:
 * level l on the image ↔ level l−1 on the image resized by 0.5, the same region), the score
 * distance {@code max_c |p_c(I) − p_c(I↓)|} of the class probabilities, binned; a pair is
 * foreground when its full-view anchor has IoU ≥ 0.5 with a true box, background otherwise.
 * Counts are averaged per image. A scale-consistent detector puts its pairs in the low bins.
 */
public final class ScaleConsistency {
    /** The foreground IoU of the figure (and of RetinaNet's matching). */
    public static final double FOREGROUND_IOU = 0.5;

    private final double[] edges;
    private final long[] foreground;
    private final long[] background;
    private double foregroundDistance;
    private double backgroundDistance;
    private int images;

    /**
     * @param bins equal-width bins of the distance over [0, 1]
     */
    public ScaleConsistency(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1: " + bins);
        }
        edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i / (double) bins;
        }
        foreground = new long[bins];
        background = new long[bins];
    }

    /**
     * Adds one image.
     *
     * @param full       {@code [N*C]} class probabilities of the full view, anchors in {@code AnchorGenerator.all} order
     * @param half       {@code [N'*C]} those of the half view
     * @param numClasses C
     * @param pairing    which anchors pair (full-view start, half-view start, count)
     * @param anchors    {@code [N*4]} xyxy anchors of the full view
     * @param truth      {@code [G*4]} xyxy true boxes in the full view's pixels
     */
    public void add(float[] full, float[] half, int numClasses, LevelPairing pairing, float[] anchors, float[] truth) {
        int g = truth.length / 4;
        for (int i = 0; i < pairing.count(); i++) {
            int a = pairing.teacherStart() + i;
            int b = pairing.studentStart() + i;
            double dist = 0;
            for (int c = 0; c < numClasses; c++) {
                dist = Math.max(dist, Math.abs(full[a * numClasses + c] - half[b * numClasses + c]));
            }
            boolean fg = false;
            for (int j = 0; j < g && !fg; j++) {
                fg = BoxMath.iou(anchors[4 * a], anchors[4 * a + 1], anchors[4 * a + 2], anchors[4 * a + 3],
                        truth[4 * j], truth[4 * j + 1], truth[4 * j + 2], truth[4 * j + 3]) >= FOREGROUND_IOU;
            }
            int bin = Math.min(foreground.length - 1, (int) (dist * foreground.length));
            if (fg) {
                foreground[bin]++;
                foregroundDistance += dist;
            } else {
                background[bin]++;
                backgroundDistance += dist;
            }
        }
        images++;
    }

    /**
     * The result.
     *
     * @param edges                   {@code [bins + 1]} bin edges over [0, 1]
     * @param foregroundPerImage      {@code [bins]} foreground pairs per image in each bin
     * @param backgroundPerImage      {@code [bins]} background pairs per image in each bin
     * @param meanForegroundDistance  mean distance of foreground pairs (-1 when there are none)
     * @param meanBackgroundDistance  mean distance of background pairs (-1 when there are none)
     */
    public record Result(int images, double[] edges, double[] foregroundPerImage, double[] backgroundPerImage,
                         double meanForegroundDistance, double meanBackgroundDistance) {
    }

    public Result result() {
        double[] fg = new double[foreground.length];
        double[] bg = new double[background.length];
        long nf = 0;
        long nb = 0;
        for (int i = 0; i < fg.length; i++) {
            fg[i] = images == 0 ? 0 : foreground[i] / (double) images;
            bg[i] = images == 0 ? 0 : background[i] / (double) images;
            nf += foreground[i];
            nb += background[i];
        }
        return new Result(images, edges.clone(), fg, bg, nf == 0 ? -1 : foregroundDistance / nf,
                nb == 0 ? -1 : backgroundDistance / nb);
    }
}
