package io.sedet.kernels.box;

/**
 * Float IoU, the operations the kernels perform (so the plain-Java references and the kernels on
 * Java threads agree bit for bit; OpenCL devices may differ in the last bits of the division).
 * Same semantics as {@code io.sedet.eval.box.BoxMath#iou}: empty or inverted boxes and NaN
 * coordinates give 0.
 */
public final class BoxIou {
    private BoxIou() {
    }

    public static float iou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        float aw = ax2 - ax1;
        float ah = ay2 - ay1;
        float bw = bx2 - bx1;
        float bh = by2 - by1;
        float result = 0f;
        // empty, inverted and NaN boxes first: OpenCL's min/max ignore NaN where Java's return it
        if (aw > 0f && ah > 0f && bw > 0f && bh > 0f) {
            float w = Math.min(ax2, bx2) - Math.max(ax1, bx1);
            float h = Math.min(ay2, by2) - Math.max(ay1, by1);
            if (w > 0f && h > 0f) {
                float inter = w * h;
                result = inter / (aw * ah + bw * bh - inter);
            }
        }
        return result;
    }

    /** {@code [N*G]} IoU of every box of {@code a} ({@code [N*4]}) with every box of {@code b}. */
    public static float[] pairwise(float[] a, float[] b) {
        int n = a.length / 4;
        int g = b.length / 4;
        float[] out = new float[n * g];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < g; j++) {
                out[i * g + j] = iou(a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3],
                        b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]);
            }
        }
        return out;
    }
}
