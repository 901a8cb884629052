package io.sedet.eval.coco;

/**
 * Matching of one image, one category and one area range — pycocotools' {@code evalImgs} entry.
 * D = detections kept (by descending score, at most the largest maxDets), T = IoU thresholds.
 *
 * @param dtScores   {@code [D]} scores, descending
 * @param dtMatches  {@code [T*D]} (t-major) id of the matched ground truth, 0 when unmatched
 *                   (as in pycocotools, a ground truth whose id is 0 therefore never counts)
 * @param dtIgnore   {@code [T*D]} matched to an ignored ground truth, or unmatched and outside
 *                   the area range
 * @param numGtNotIgnored ground truth that is neither crowd nor outside the area range
 */
public record ImageEval(double[] dtScores, long[] dtMatches, boolean[] dtIgnore, int numGtNotIgnored) {

    public int numDetections() {
        return dtScores.length;
    }
}
