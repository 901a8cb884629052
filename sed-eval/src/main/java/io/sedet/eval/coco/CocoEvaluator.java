package io.sedet.eval.coco;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * COCO bounding-box evaluation with exactly pycocotools' {@code COCOeval} semantics, in its three
 * phases: {@link #evaluate()} (per image and category matching), {@link #accumulate()} (precision
 * and recall arrays) and {@link CocoEvalResult#stats()} (the 12 summary numbers).
 *
 * <p>Semantics kept from pycocotools: images are all ground-truth images in dataset order (the
 * readers sort ids like pycocotools), categories all ground-truth categories sorted by id;
 * detections are ranked per image and category by descending score with a stable sort (ties keep
 * results-file order) and cut at the largest maxDets; crowd ground truth is ignored and its IoU is
 * intersection over detection area; a detection may match an ignored ground truth only when no
 * regular one qualifies; unmatched detections outside an area range are ignored; precision uses
 * {@code tp / (tp + fp + 2.22e-16)}, is made monotone and read at the 101 recall points with a
 * left-sided search (0 past the highest recall); undefined entries are -1.
 *
 * <p>Detections are validated by the caller (see {@code CocoJson.readResults}); an image or
 * category id unknown to the ground truth raises {@link IllegalArgumentException}.
 *
 * <p>Symbols: T IoU thresholds, R recall thresholds, K categories, A area ranges, M maxDets,
 * I images. Phase 1 runs categories in parallel; results do not depend on the thread count.
 *
 * <p>Why one class of ~400 lines: it follows {@code COCOeval}'s {@code evaluateImg} and
 * {@code accumulate} step by step, in their order, so that each line can be read against
 * pycocotools' source when a number differs; split up, that comparison needs several files open.
 */
public final class CocoEvaluator {
    /** numpy's {@code np.spacing(1)}. */
    static final double EPS = Math.ulp(1.0);

    private final Dataset gt;
    private final List<Detection> detections;
    private final CocoEvalParams params;
    private ImageEval[] evalImgs; // [K][A][I] flattened, null where an image has neither gt nor dt

    public CocoEvaluator(Dataset gt, List<Detection> detections, CocoEvalParams params) {
        this.gt = gt;
        this.detections = List.copyOf(detections);
        this.params = params;
    }

    public CocoEvaluator(Dataset gt, List<Detection> detections) {
        this(gt, detections, CocoEvalParams.defaults());
    }

    /** Runs all three phases. */
    public static CocoEvalResult evaluate(Dataset gt, List<Detection> detections) {
        CocoEvaluator e = new CocoEvaluator(gt, detections);
        e.evaluate();
        return e.accumulate();
    }

    public CocoEvalParams params() {
        return params;
    }

    /** Phase 1: matching per (category, area range, image). */
    public void evaluate() {
        int numImages = gt.images().size();
        int numCats = gt.categories().size();
        int numAreas = params.areaRanges().size();

        // group ground truth and detections by (category, image), keeping file order
        List<GroundTruth> anns = gt.annotations();
        int[] gtCellOf = new int[anns.size()];
        for (int n = 0; n < anns.size(); n++) {
            GroundTruth g = anns.get(n);
            int k = gt.categoryIndex(g.categoryId());
            int i = gt.imageIndex(g.imageId());
            if (k < 0 || i < 0) {
                throw new IllegalArgumentException("ground truth " + g.id() + " refers to unknown image "
                        + g.imageId() + " or category " + g.categoryId());
            }
            gtCellOf[n] = k * numImages + i;
        }
        int[][] gtCells = groupByCell(gtCellOf, numCats * numImages);
        int[][] dtCells = groupByCell(detectionCells(numImages), numCats * numImages);

        ImageEval[] out = new ImageEval[numCats * numAreas * numImages];
        IntStream.range(0, numCats).parallel().forEach(k -> {
            for (int i = 0; i < numImages; i++) {
                int[] gi = gtCells[k * numImages + i];
                int[] d = dtCells[k * numImages + i];
                if (gi == null && d == null) {
                    continue;
                }
                List<GroundTruth> g = new ArrayList<>();
                if (gi != null) {
                    for (int n : gi) {
                        g.add(anns.get(n));
                    }
                }
                evaluateCell(g, d == null ? new int[0] : d, k, i, numImages, out);
            }
        });
        this.evalImgs = out;
    }

    /** The (category, image) cell of every detection. */
    private int[] detectionCells(int numImages) {
        int[] cellOf = new int[detections.size()];
        for (int n = 0; n < detections.size(); n++) {
            Detection d = detections.get(n);
            int k = gt.categoryIndex(d.categoryId());
            int i = gt.imageIndex(d.imageId());
            if (i < 0) {
                throw new IllegalArgumentException("detection " + (n + 1) + " is on image " + d.imageId()
                        + ", which the ground truth does not have");
            }
            if (k < 0) {
                throw new IllegalArgumentException("detection " + (n + 1) + " has category " + d.categoryId()
                        + ", which the ground truth does not have");
            }
            cellOf[n] = k * numImages + i;
        }
        return cellOf;
    }

    /** Indices {@code n} grouped by {@code cellOf[n]}, in index order; null for empty cells. */
    private static int[][] groupByCell(int[] cellOf, int numCells) {
        int[] counts = new int[numCells];
        for (int c : cellOf) {
            counts[c]++;
        }
        int[][] cells = new int[numCells][];
        int[] fill = new int[numCells];
        for (int n = 0; n < cellOf.length; n++) {
            int c = cellOf[n];
            if (cells[c] == null) {
                cells[c] = new int[counts[c]];
            }
            cells[c][fill[c]++] = n;
        }
        return cells;
    }

    private void evaluateCell(List<GroundTruth> g, int[] dtAll, int k, int i, int numImages, ImageEval[] out) {
        int maxDet = params.maxDetLargest();
        double[] allScores = new double[dtAll.length];
        for (int n = 0; n < dtAll.length; n++) {
            allScores[n] = detections.get(dtAll[n]).score();
        }
        int[] order = StableSort.argsortDescending(allScores, dtAll.length);
        int numDt = Math.min(maxDet, dtAll.length);
        int numGt = g.size();
        double[] dtScores = new double[numDt];
        double[] dtArea = new double[numDt];
        Box[] dtBox = new Box[numDt];
        for (int n = 0; n < numDt; n++) {
            Detection d = detections.get(dtAll[order[n]]);
            dtScores[n] = d.score();
            dtBox[n] = d.box();
            dtArea[n] = d.box().width() * d.box().height();
        }
        int[] dtId = new int[numDt]; // pycocotools' loadRes id: position in the results file + 1
        for (int n = 0; n < numDt; n++) {
            dtId[n] = dtAll[order[n]] + 1;
        }
        double[][] ious = iouMatrix(dtBox, g); // [D][G] in ground-truth file order

        int numThr = params.iouThresholds().length;
        List<AreaRange> areas = params.areaRanges();
        for (int a = 0; a < areas.size(); a++) {
            AreaRange range = areas.get(a);
            // ignored ground truth (crowd or outside the range) goes last, stable
            int[] gtOrder = new int[numGt];
            boolean[] gtIg = new boolean[numGt];
            int pos = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < numGt; j++) {
                    GroundTruth gj = g.get(j);
                    boolean ignore = gj.iscrowd() || !range.contains(gj.area());
                    if (ignore == (pass == 1)) {
                        gtOrder[pos] = j;
                        gtIg[pos] = ignore;
                        pos++;
                    }
                }
            }
            int notIgnored = 0;
            for (boolean b : gtIg) {
                if (!b) {
                    notIgnored++;
                }
            }
            long[] dtm = new long[numThr * numDt];
            boolean[] dtIg = new boolean[numThr * numDt];
            if (numGt > 0 && numDt > 0) {
                match(g, gtOrder, gtIg, ious, dtId, dtm, dtIg);
            }
            for (int t = 0; t < numThr; t++) {
                for (int n = 0; n < numDt; n++) {
                    int idx = t * numDt + n;
                    if (dtm[idx] == 0 && !range.contains(dtArea[n])) {
                        dtIg[idx] = true;
                    }
                }
            }
            out[(k * areas.size() + a) * numImages + i] = new ImageEval(dtScores, dtm, dtIg, notIgnored);
        }
    }

    /** Greedy matching, pycocotools' loop verbatim: fills {@code dtm} and {@code dtIg} [T*D]. */
    private void match(List<GroundTruth> g, int[] gtOrder, boolean[] gtIg, double[][] ious, int[] dtId,
                       long[] dtm, boolean[] dtIg) {
        int numGt = gtOrder.length;
        int numDt = dtId.length;
        double[] thr = params.iouThresholds();
        boolean[] crowd = new boolean[numGt];
        long[] gtId = new long[numGt];
        for (int j = 0; j < numGt; j++) {
            crowd[j] = g.get(gtOrder[j]).iscrowd();
            gtId[j] = g.get(gtOrder[j]).id();
        }
        int[] gtm = new int[numGt];
        for (int t = 0; t < thr.length; t++) {
            java.util.Arrays.fill(gtm, 0);
            for (int d = 0; d < numDt; d++) {
                double best = Math.min(thr[t], 1 - 1e-10);
                int m = -1;
                double[] row = ious[d];
                for (int j = 0; j < numGt; j++) {
                    if (gtm[j] > 0 && !crowd[j]) {
                        continue;
                    }
                    if (m > -1 && !gtIg[m] && gtIg[j]) {
                        break;
                    }
                    double v = row[gtOrder[j]];
                    if (v < best) {
                        continue;
                    }
                    best = v;
                    m = j;
                }
                if (m == -1) {
                    continue;
                }
                dtIg[t * numDt + d] = gtIg[m];
                dtm[t * numDt + d] = gtId[m];
                gtm[m] = dtId[d];
            }
        }
    }

    /**
     * pycocotools' {@code bbIou}: IoU {@code [D][G]}; for a crowd ground truth the union is the
     * detection's area.
     */
    private static double[][] iouMatrix(Box[] dt, List<GroundTruth> gts) {
        double[][] o = new double[dt.length][gts.size()];
        for (int j = 0; j < gts.size(); j++) {
            GroundTruth gj = gts.get(j);
            Box gb = gj.box();
            double ga = gb.width() * gb.height();
            boolean crowd = gj.iscrowd();
            for (int d = 0; d < dt.length; d++) {
                Box db = dt[d];
                double w = Math.min(db.x2(), gb.x2()) - Math.max(db.x1(), gb.x1());
                if (w <= 0) {
                    continue;
                }
                double h = Math.min(db.y2(), gb.y2()) - Math.max(db.y1(), gb.y1());
                if (h <= 0) {
                    continue;
                }
                double da = db.width() * db.height();
                double inter = w * h;
                double union = crowd ? da : da + ga - inter;
                o[d][j] = inter / union;
            }
        }
        return o;
    }

    /** Phase 2: precision {@code [T,R,K,A,M]}, recall {@code [T,K,A,M]} and scores. */
    public CocoEvalResult accumulate() {
        return accumulate(IntStream.range(0, gt.images().size()).toArray());
    }

    /**
     * Phase 2 over a multiset of the images: {@code images} holds indices into the ground truth's
     * images, in any order and with repeats. The result is that of evaluating a dataset made of
     * those images in that order (a repeated image as a copy under a new id) — what a bootstrap
     * over test images resamples, without matching again.
     */
    public CocoEvalResult accumulate(int[] images) {
        if (evalImgs == null) {
            throw new IllegalStateException("call evaluate() before accumulate()");
        }
        int numImages = gt.images().size();
        for (int i : images) {
            if (i < 0 || i >= numImages) {
                throw new IllegalArgumentException("image index " + i + " outside [0, " + numImages + ")");
            }
        }
        int numThr = params.iouThresholds().length;
        int numRec = params.recallThresholds().length;
        int numCats = gt.categories().size();
        int numAreas = params.areaRanges().size();
        int numMax = params.maxDets().length;
        double[] precision = new double[numThr * numRec * numCats * numAreas * numMax];
        double[] recall = new double[numThr * numCats * numAreas * numMax];
        double[] scores = new double[precision.length];
        java.util.Arrays.fill(precision, -1);
        java.util.Arrays.fill(recall, -1);
        java.util.Arrays.fill(scores, -1);
        CocoEvalResult.Shape shape = new CocoEvalResult.Shape(numThr, numRec, numCats, numAreas, numMax);

        IntStream.range(0, numCats).parallel().forEach(k -> {
            for (int a = 0; a < numAreas; a++) {
                List<ImageEval> cells = new ArrayList<>();
                for (int i : images) {
                    ImageEval e = evalImgs[(k * numAreas + a) * numImages + i];
                    if (e != null) {
                        cells.add(e);
                    }
                }
                if (cells.isEmpty()) {
                    continue;
                }
                int npig = 0;
                for (ImageEval e : cells) {
                    npig += e.numGtNotIgnored();
                }
                if (npig == 0) {
                    continue;
                }
                for (int m = 0; m < numMax; m++) {
                    accumulateOne(cells, npig, params.maxDets()[m], k, a, m, shape, precision, recall, scores);
                }
            }
        });
        return new CocoEvalResult(params, gt.categories(), shape, precision, recall, scores);
    }

    private void accumulateOne(List<ImageEval> cells, int npig, int maxDet, int k, int a, int m,
                               CocoEvalResult.Shape s, double[] precision, double[] recall, double[] scores) {
        int total = 0;
        for (ImageEval e : cells) {
            total += Math.min(maxDet, e.numDetections());
        }
        double[] dtScores = new double[total];
        int[] cellOf = new int[total];
        int[] posOf = new int[total];
        int n = 0;
        for (int c = 0; c < cells.size(); c++) {
            ImageEval e = cells.get(c);
            int nd = Math.min(maxDet, e.numDetections());
            for (int j = 0; j < nd; j++) {
                dtScores[n] = e.dtScores()[j];
                cellOf[n] = c;
                posOf[n] = j;
                n++;
            }
        }
        int[] order = StableSort.argsortDescending(dtScores, total);
        double[] rc = new double[total];
        double[] pr = new double[total];
        double[] recThrs = params.recallThresholds();
        for (int t = 0; t < s.numThr(); t++) {
            double tp = 0;
            double fp = 0;
            for (int q = 0; q < total; q++) {
                ImageEval e = cells.get(cellOf[order[q]]);
                int idx = t * e.numDetections() + posOf[order[q]];
                if (!e.dtIgnore()[idx]) {
                    if (e.dtMatches()[idx] != 0) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                rc[q] = tp / npig;
                pr[q] = tp / (fp + tp + EPS);
            }
            recall[s.recallIndex(t, k, a, m)] = total > 0 ? rc[total - 1] : 0;
            for (int q = total - 1; q > 0; q--) {
                if (pr[q] > pr[q - 1]) {
                    pr[q - 1] = pr[q];
                }
            }
            for (int r = 0; r < recThrs.length; r++) {
                int q = searchLeft(rc, total, recThrs[r]);
                int at = s.precisionIndex(t, r, k, a, m);
                if (q >= total) {
                    // pycocotools stops at the first recall point past the end: the rest stay 0
                    for (int rr = r; rr < recThrs.length; rr++) {
                        precision[s.precisionIndex(t, rr, k, a, m)] = 0;
                        scores[s.precisionIndex(t, rr, k, a, m)] = 0;
                    }
                    break;
                }
                precision[at] = pr[q];
                scores[at] = dtScores[order[q]];
            }
        }
    }

    /** {@code np.searchsorted(a[0:n], v, side='left')}: first index with {@code a[i] >= v}. */
    static int searchLeft(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
