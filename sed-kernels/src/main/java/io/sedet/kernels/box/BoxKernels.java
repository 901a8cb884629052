package io.sedet.kernels.box;

import io.sedet.kernels.exec.KernelMode;
import io.sedet.kernels.exec.KernelRuntime;

import java.util.Arrays;

/**
 * The box operations of training (matching, target encoding) and prediction (score threshold,
 * decoding, batched NMS), run as Aparapi kernels by a {@link KernelRuntime} or — for a
 * {@link KernelMode#REFERENCE} runtime — by the plain-Java references ({@link AnchorMatcher},
 * {@link BoxCoder}, {@code io.sedet.eval.box.Nms}).
 *
 * <p>Kernel instances are kept and reused so OpenCL compiles each once; calls are synchronised.
 * Boxes are {@code float[4*N]} xyxy in pixels. Empty inputs never reach a kernel (OpenCL has no
 * zero-size buffers).
 */
public final class BoxKernels implements AutoCloseable {
    private final KernelRuntime runtime;
    private final AnchorMatcher matcher;
    private final BoxCoder coder;
    private final IouRowKernel iouRow = new IouRowKernel();
    private final GtBestKernel gtBest = new GtBestKernel();
    private final MatchDecisionKernel decide = new MatchDecisionKernel();
    private final EncodeKernel encode = new EncodeKernel();
    private final DecodeKernel decode = new DecodeKernel();
    private final ScoreThresholdKernel threshold = new ScoreThresholdKernel();
    private final NmsMaskKernel nmsMask = new NmsMaskKernel();

    public BoxKernels(KernelRuntime runtime, AnchorMatcher matcher, BoxCoder coder) {
        this.runtime = runtime;
        this.matcher = matcher;
        this.coder = coder;
    }

    /** RetinaNet's matcher (0.5 / 0.4) and unit box coder. */
    public static BoxKernels retinaNet(KernelRuntime runtime) {
        return new BoxKernels(runtime, AnchorMatcher.retinaNet(), BoxCoder.unit());
    }

    public KernelRuntime runtime() {
        return runtime;
    }

    private boolean reference() {
        return runtime.mode() == KernelMode.REFERENCE;
    }

    /** {@code [N*G]} IoU of anchors with ground truth. */
    public synchronized float[] iou(float[] anchors, float[] gt) {
        if (reference()) {
            return BoxIou.pairwise(anchors, gt);
        }
        int n = anchors.length / 4;
        int g = gt.length / 4;
        float[] out = new float[n * g];
        if (g > 0) {
            rowPass(anchors, gt, out, new float[n], new int[n]);
        }
        return out;
    }

    /** {@link AnchorMatcher#match}: {@code [N]} ground-truth index, BACKGROUND or IGNORE. */
    public synchronized int[] match(float[] anchors, float[] gt) {
        if (reference()) {
            return matcher.match(anchors, gt);
        }
        int n = anchors.length / 4;
        int g = gt.length / 4;
        int[] matches = new int[n];
        if (n == 0) {
            return matches; // OpenCL has no zero-size buffers
        }
        if (g == 0) {
            Arrays.fill(matches, AnchorMatcher.BACKGROUND);
            return matches;
        }
        float[] iou = new float[n * g];
        float[] best = new float[n];
        int[] arg = new int[n];
        rowPass(anchors, gt, iou, best, arg);
        float[] gtMax = new float[g];
        gtBest.iou = iou;
        gtBest.gtBest = gtMax;
        gtBest.n = n;
        gtBest.g = g;
        runtime.run(gtBest, g);
        decide.iou = iou;
        decide.best = best;
        decide.arg = arg;
        decide.gtBest = gtMax;
        decide.matches = matches;
        decide.n = n;
        decide.g = g;
        decide.high = matcher.highThreshold();
        decide.low = matcher.lowThreshold();
        runtime.run(decide, n);
        return matches;
    }

    private void rowPass(float[] anchors, float[] gt, float[] iou, float[] best, int[] arg) {
        iouRow.anchors = anchors;
        iouRow.gt = gt;
        iouRow.iou = iou;
        iouRow.best = best;
        iouRow.arg = arg;
        iouRow.n = anchors.length / 4;
        iouRow.g = gt.length / 4;
        runtime.run(iouRow, iouRow.n);
    }

    /**
     * Regression targets: for each anchor with {@code matches[i] ≥ 0} the deltas of its ground
     * truth, zeros otherwise, written to {@code out[offset .. offset + 4N)}.
     */
    public synchronized void encode(float[] anchors, float[] gt, int[] matches, float[] out, int offset) {
        int n = anchors.length / 4;
        if (reference()) {
            for (int i = 0; i < n; i++) {
                if (matches[i] >= 0) {
                    coder.encode(anchors, 4 * i, gt, 4 * matches[i], out, offset + 4 * i);
                } else {
                    Arrays.fill(out, offset + 4 * i, offset + 4 * i + 4, 0f);
                }
            }
            return;
        }
        float[] w = coder.weights();
        encode.anchors = anchors;
        encode.gt = gt.length == 0 ? new float[4] : gt;
        encode.matches = matches;
        encode.out = out;
        encode.outOffset = offset;
        encode.n = n;
        encode.wx = w[0];
        encode.wy = w[1];
        encode.ww = w[2];
        encode.wh = w[3];
        runtime.run(encode, n);
    }

    /**
     * Boxes of candidates: candidate k uses anchor {@code anchorIndex[k]} and the deltas at
     * {@code 4·deltaIndex[k]} of {@code deltas}, clipped to {@code [0, clipW] × [0, clipH]}.
     *
     * @return {@code [K*4]} xyxy
     */
    public synchronized float[] decode(float[] anchors, float[] deltas, int[] anchorIndex, int[] deltaIndex,
                                       float clipW, float clipH) {
        int k = anchorIndex.length;
        float[] out = new float[4 * k];
        if (reference()) {
            for (int c = 0; c < k; c++) {
                coder.decode(anchors, 4 * anchorIndex[c], deltas, 4 * deltaIndex[c], out, 4 * c);
                out[4 * c] = clamp(out[4 * c], clipW);
                out[4 * c + 1] = clamp(out[4 * c + 1], clipH);
                out[4 * c + 2] = clamp(out[4 * c + 2], clipW);
                out[4 * c + 3] = clamp(out[4 * c + 3], clipH);
            }
            return out;
        }
        float[] w = coder.weights();
        decode.anchors = anchors;
        decode.deltas = deltas;
        decode.anchorIndex = anchorIndex.length == 0 ? new int[1] : anchorIndex;
        decode.deltaIndex = deltaIndex.length == 0 ? new int[1] : deltaIndex;
        decode.out = out.length == 0 ? new float[4] : out;
        decode.k = k;
        decode.wx = w[0];
        decode.wy = w[1];
        decode.ww = w[2];
        decode.wh = w[3];
        decode.scaleClamp = (float) BoxCoder.SCALE_CLAMP;
        decode.clipW = clipW;
        decode.clipH = clipH;
        runtime.run(decode, k);
        return out;
    }

    private static float clamp(float v, float hi) {
        return Math.max(0f, Math.min(hi, v));
    }

    /** Indices {@code i} in {@code [0, n)} with {@code scores[offset + i] > threshold} (NaN never), ascending. */
    public synchronized int[] above(float[] scores, int offset, int n, float thr) {
        if (reference()) {
            int[] idx = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (scores[offset + i] > thr) {
                    idx[m++] = i;
                }
            }
            return Arrays.copyOf(idx, m);
        }
        int[] keep = new int[Math.max(n, 1)];
        threshold.scores = scores;
        threshold.keep = keep;
        threshold.offset = offset;
        threshold.n = n;
        threshold.threshold = thr;
        runtime.run(threshold, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += keep[i];
        }
        int[] idx = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i] != 0) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /**
     * Per-class greedy NMS with {@code io.sedet.eval.box.Nms#batched}'s semantics (descending score,
     * ties in input order, NaN scores last and never kept, suppression when IoU &gt; threshold).
     *
     * @return kept indices by descending score
     */
    public synchronized int[] nms(float[] boxes, float[] scores, int[] classes, float iouThreshold) {
        int n = scores.length;
        if (boxes.length != 4 * n || classes.length != n) {
            throw new IllegalArgumentException("boxes " + boxes.length / 4 + ", scores " + n
                    + ", classes " + classes.length + " differ in length");
        }
        if (reference()) {
            return io.sedet.eval.box.Nms.batched(io.sedet.eval.box.Boxes.of(boxes), scores, classes, iouThreshold);
        }
        int[] boxed = io.sedet.eval.box.Nms.visitingOrder(scores);
        int m = 0; // NaN scores sort last and are never kept
        while (m < n && !Float.isNaN(scores[boxed[m]])) {
            m++;
        }
        if (m == 0) {
            return new int[0];
        }
        float[] sorted = new float[4 * m];
        int[] sortedClasses = new int[m];
        for (int k = 0; k < m; k++) {
            System.arraycopy(boxes, 4 * boxed[k], sorted, 4 * k, 4);
            sortedClasses[k] = classes[boxed[k]];
        }
        int words = (m + 31) / 32;
        int[] mask = new int[m * words];
        nmsMask.boxes = sorted;
        nmsMask.classes = sortedClasses;
        nmsMask.mask = mask;
        nmsMask.m = m;
        nmsMask.words = words;
        nmsMask.threshold = iouThreshold;
        runtime.run(nmsMask, m * words);
        int[] removed = new int[words];
        int[] keep = new int[m];
        int kept = 0;
        for (int k = 0; k < m; k++) {
            if ((removed[k >>> 5] & (1 << (k & 31))) != 0) {
                continue;
            }
            keep[kept++] = boxed[k];
            for (int w = k >>> 5; w < words; w++) {
                removed[w] |= mask[k * words + w];
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    @Override
    public void close() {
        iouRow.dispose();
        gtBest.dispose();
        decide.dispose();
        encode.dispose();
        decode.dispose();
        threshold.dispose();
        nmsMask.dispose();
    }
}
