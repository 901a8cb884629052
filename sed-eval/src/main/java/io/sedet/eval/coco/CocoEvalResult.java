package io.sedet.eval.coco;

import io.sedet.eval.data.Category;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Output of {@link CocoEvaluator#accumulate()}: pycocotools' {@code eval} dict and
 * {@code stats}. Arrays are flat, row-major, -1 where undefined:
 * {@code precision[T,R,K,A,M]}, {@code recall[T,K,A,M]}, {@code scores[T,R,K,A,M]} (the score at
 * which each precision point is reached — the data of a PR curve).
 */
public final class CocoEvalResult {
    /** Keys of {@link #stats()} in order, as {@code --json} writes them. */
    public static final List<String> STAT_NAMES = List.of(
            "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");

    /** Array dimensions. */
    public record Shape(int numThr, int numRec, int numCats, int numAreas, int numMax) {
        int precisionIndex(int t, int r, int k, int a, int m) {
            return (((t * numRec + r) * numCats + k) * numAreas + a) * numMax + m;
        }

        int recallIndex(int t, int k, int a, int m) {
            return ((t * numCats + k) * numAreas + a) * numMax + m;
        }
    }

    private final CocoEvalParams params;
    private final List<Category> categories;
    private final Shape shape;
    private final double[] precision;
    private final double[] recall;
    private final double[] scores;
    private final double[] stats;

    CocoEvalResult(CocoEvalParams params, List<Category> categories, Shape shape,
                   double[] precision, double[] recall, double[] scores) {
        this.params = params;
        this.categories = List.copyOf(categories);
        this.shape = shape;
        this.precision = precision;
        this.recall = recall;
        this.scores = scores;
        this.stats = summarize();
    }

    public CocoEvalParams params() {
        return params;
    }

    public Shape shape() {
        return shape;
    }

    /** Categories in the K order of the arrays (sorted by id). */
    public List<Category> categories() {
        return categories;
    }

    public double precision(int t, int r, int k, int a, int m) {
        return precision[shape.precisionIndex(t, r, k, a, m)];
    }

    public double recall(int t, int k, int a, int m) {
        return recall[shape.recallIndex(t, k, a, m)];
    }

    public double score(int t, int r, int k, int a, int m) {
        return scores[shape.precisionIndex(t, r, k, a, m)];
    }

    /** The 12 summary numbers, in {@link #STAT_NAMES} order. */
    public double[] stats() {
        return stats.clone();
    }

    /** The 12 summary numbers keyed by {@link #STAT_NAMES}. */
    public Map<String, Double> statsMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < STAT_NAMES.size(); i++) {
            m.put(STAT_NAMES.get(i), stats[i]);
        }
        return m;
    }

    /**
     * AP at IoU .50:.95, area all, largest maxDets, per category id; -1 for a category with no
     * ground truth.
     */
    public Map<Integer, Double> perCategoryAp() {
        Map<Integer, Double> out = new LinkedHashMap<>();
        int a = params.areaIndex("all");
        int m = shape.numMax() - 1;
        for (int k = 0; k < shape.numCats(); k++) {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < shape.numThr(); t++) {
                for (int r = 0; r < shape.numRec(); r++) {
                    double v = precision(t, r, k, a, m);
                    if (v > -1) {
                        sum += v;
                        n++;
                    }
                }
            }
            out.put(categories.get(k).id(), n == 0 ? -1 : sum / n);
        }
        return out;
    }

    private double[] summarize() {
        int[] md = params.maxDets();
        if (md.length < 3) {
            // pycocotools' summary reads maxDets[0..2]; with fewer there is no summary
            double[] none = new double[12];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        return new double[] {
            mean(true, null, "all", 100),
            mean(true, 0.5, "all", md[2]),
            mean(true, 0.75, "all", md[2]),
            mean(true, null, "small", md[2]),
            mean(true, null, "medium", md[2]),
            mean(true, null, "large", md[2]),
            mean(false, null, "all", md[0]),
            mean(false, null, "all", md[1]),
            mean(false, null, "all", md[2]),
            mean(false, null, "small", md[2]),
            mean(false, null, "medium", md[2]),
            mean(false, null, "large", md[2]),
        };
    }

    /** pycocotools' {@code _summarize}: mean of the selected entries above -1, else -1. */
    private double mean(boolean ap, Double iouThr, String area, int maxDet) {
        int a = params.areaIndex(area);
        int m = params.maxDetIndex(maxDet);
        if (a < 0 || m < 0) {
            return -1;
        }
        int tFrom = 0;
        int tTo = shape.numThr();
        if (iouThr != null) {
            tFrom = params.iouIndex(iouThr);
            if (tFrom < 0) {
                return -1;
            }
            tTo = tFrom + 1;
        }
        double sum = 0;
        long n = 0;
        for (int t = tFrom; t < tTo; t++) {
            if (ap) {
                for (int r = 0; r < shape.numRec(); r++) {
                    for (int k = 0; k < shape.numCats(); k++) {
                        double v = precision(t, r, k, a, m);
                        if (v > -1) {
                            sum += v;
                            n++;
                        }
                    }
                }
            } else {
                for (int k = 0; k < shape.numCats(); k++) {
                    double v = recall(t, k, a, m);
                    if (v > -1) {
                        sum += v;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    /** The 12 lines pycocotools' {@code summarize()} prints, in its format. */
    public String summaryText() {
        int[] md = params.maxDets();
        if (md.length < 3) {
            return "no summary: it needs 3 maxDets values, got " + java.util.Arrays.toString(md)
                    + System.lineSeparator();
        }
        double[] t = params.iouThresholds();
        String range = fmt2(t[0]) + ":" + fmt2(t[t.length - 1]);
        String[] ious = {range, "0.50", "0.75", range, range, range, range, range, range, range, range, range};
        String[] areas = {"all", "all", "all", "small", "medium", "large",
            "all", "all", "all", "small", "medium", "large"};
        int[] dets = {100, md[2], md[2], md[2], md[2], md[2], md[0], md[1], md[2], md[2], md[2], md[2]};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            boolean ap = i < 6;
            sb.append(String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s%n",
                    ap ? "Average Precision" : "Average Recall", ap ? "(AP)" : "(AR)",
                    ious[i], areas[i], dets[i], fixed3(stats[i])));
        }
        return sb.toString();
    }

    private static String fmt2(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code '{:0.3f}'}: correctly rounded from the exact binary value. */
    static String fixed3(double v) {
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }
}
