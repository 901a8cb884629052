package io.sedet.eval.voc;

import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pascal VOC detection AP with the official devkit's semantics ({@code VOCevaldet.m}):
 * <ul>
 *   <li>detections of a class ranked by descending confidence (stable for ties, as MATLAB's sort);</li>
 *   <li>each is matched to the ground truth of its image with the highest overlap, computed in
 *       the devkit's 1-based inclusive pixels ({@code +1} on widths and heights);</li>
 *   <li>overlap {@code >= 0.5}: a true positive if that object is not difficult and not yet
 *       detected, a false positive if already detected (duplicate), neither if difficult;
 *       otherwise a false positive;</li>
 *   <li>recall is over the non-difficult objects; precision {@code tp / (tp + fp)} (0 where both
 *       are 0);</li>
 *   <li>{@link VocMetric#VOC07}: 11-point interpolated AP with thresholds built like MATLAB's
 *       {@code 0:0.1:1}; {@link VocMetric#VOC12}: area under the precision envelope
 *       ({@code VOCap.m}).</li>
 * </ul>
 * Coordinates: continuous boxes are mapped to devkit pixels by {@link VocDevkit#toDevkit}.
 */
public final class VocEvaluator {
    /** Minimum overlap of a true positive ({@code VOCopts.minoverlap}). */
    public static final double MIN_OVERLAP = 0.5;

    private VocEvaluator() {
    }

    public static VocEvalResult evaluate(Dataset gt, List<Detection> detections, VocMetric metric) {
        Map<String, Double> perClass = new LinkedHashMap<>();
        double sum = 0;
        int defined = 0;
        for (Category c : gt.categories()) {
            double ap = classAp(gt, detections, c.id(), metric);
            perClass.put(c.name(), ap);
            if (!Double.isNaN(ap)) {
                sum += ap;
                defined++;
            }
        }
        return new VocEvalResult(metric, perClass, defined == 0 ? Double.NaN : sum / defined);
    }

    /** AP of one class; NaN when it has no non-difficult ground truth. */
    static double classAp(Dataset gt, List<Detection> detections, int categoryId, VocMetric metric) {
        int numImages = gt.images().size();
        List<List<double[]>> gtBoxes = new ArrayList<>(numImages);
        List<List<Boolean>> gtDifficult = new ArrayList<>(numImages);
        for (int i = 0; i < numImages; i++) {
            gtBoxes.add(new ArrayList<>());
            gtDifficult.add(new ArrayList<>());
        }
        int npos = 0;
        for (GroundTruth g : gt.annotations()) {
            if (g.categoryId() != categoryId) {
                continue;
            }
            int i = gt.imageIndex(g.imageId());
            gtBoxes.get(i).add(VocDevkit.toDevkit(g.box()));
            gtDifficult.get(i).add(g.difficult());
            if (!g.difficult()) {
                npos++;
            }
        }
        if (npos == 0) {
            return Double.NaN;
        }
        List<Detection> dets = new ArrayList<>();
        for (Detection d : detections) {
            if (d.categoryId() == categoryId) {
                dets.add(d);
            }
        }
        // stable: equal confidences keep input order, as MATLAB's sort
        dets.sort((a, b) -> a.score() > b.score() ? -1 : (a.score() < b.score() ? 1 : 0));
        boolean[][] detected = new boolean[numImages][];
        for (int i = 0; i < numImages; i++) {
            detected[i] = new boolean[gtBoxes.get(i).size()];
        }
        int nd = dets.size();
        double[] tp = new double[nd];
        double[] fp = new double[nd];
        for (int d = 0; d < nd; d++) {
            Detection det = dets.get(d);
            int i = gt.imageIndex(det.imageId());
            if (i < 0) {
                throw new IllegalArgumentException("detection on unknown image " + det.imageId());
            }
            double[] bb = VocDevkit.toDevkit(det.box());
            double ovmax = Double.NEGATIVE_INFINITY;
            int jmax = -1;
            List<double[]> boxes = gtBoxes.get(i);
            for (int j = 0; j < boxes.size(); j++) {
                double[] g = boxes.get(j);
                double iw = Math.min(bb[2], g[2]) - Math.max(bb[0], g[0]) + 1;
                double ih = Math.min(bb[3], g[3]) - Math.max(bb[1], g[1]) + 1;
                if (iw > 0 && ih > 0) {
                    double ua = (bb[2] - bb[0] + 1) * (bb[3] - bb[1] + 1)
                            + (g[2] - g[0] + 1) * (g[3] - g[1] + 1) - iw * ih;
                    double ov = iw * ih / ua;
                    if (ov > ovmax) {
                        ovmax = ov;
                        jmax = j;
                    }
                }
            }
            if (ovmax >= MIN_OVERLAP) {
                if (!gtDifficult.get(i).get(jmax)) {
                    if (!detected[i][jmax]) {
                        tp[d] = 1;
                        detected[i][jmax] = true;
                    } else {
                        fp[d] = 1;
                    }
                }
            } else {
                fp[d] = 1;
            }
        }
        double[] rec = new double[nd];
        double[] prec = new double[nd];
        double ctp = 0;
        double cfp = 0;
        for (int d = 0; d < nd; d++) {
            ctp += tp[d];
            cfp += fp[d];
            rec[d] = ctp / npos;
            prec[d] = (ctp + cfp) > 0 ? ctp / (ctp + cfp) : 0;
        }
        return metric == VocMetric.VOC07 ? elevenPointAp(rec, prec) : areaAp(rec, prec);
    }

    /** The 11 recall thresholds of MATLAB's {@code 0:0.1:1}, which builds the upper half from 1 downwards. */
    static double[] elevenThresholds() {
        double[] t = new double[11];
        for (int k = 0; k <= 10; k++) {
            t[k] = k <= 5 ? k * 0.1 : 1 - (10 - k) * 0.1;
        }
        return t;
    }

    /** VOC2007 11-point AP: mean over t of the highest precision at recall {@code >= t} (0 if none). */
    static double elevenPointAp(double[] rec, double[] prec) {
        double ap = 0;
        for (double t : elevenThresholds()) {
            double p = 0;
            boolean any = false;
            for (int i = 0; i < rec.length; i++) {
                if (rec[i] >= t && (!any || prec[i] > p)) {
                    p = prec[i];
                    any = true;
                }
            }
            ap += p / 11;
        }
        return ap;
    }

    /** VOC2010+ AP ({@code VOCap.m}): area under the monotone precision envelope. */
    static double areaAp(double[] rec, double[] prec) {
        int n = rec.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        mrec[0] = 0;
        mrec[n + 1] = 1;
        System.arraycopy(rec, 0, mrec, 1, n);
        System.arraycopy(prec, 0, mpre, 1, n);
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i < n + 2; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mpre[i];
            }
        }
        return ap;
    }
}
