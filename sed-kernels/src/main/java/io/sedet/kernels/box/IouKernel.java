package io.sedet.kernels.box;

import com.aparapi.Kernel;

/**
 * Base of the kernels that compute IoU: one {@code iouOf} for all of them (Aparapi translates
 * methods of a kernel's superclasses into the same OpenCL program).
 */
abstract class IouKernel extends Kernel {
    /** Same operations as {@link BoxIou#iou}. */
    protected final float iouOf(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        float aw = ax2 - ax1;
        float ah = ay2 - ay1;
        float bw = bx2 - bx1;
        float bh = by2 - by1;
        float result = 0f;
        // empty, inverted and NaN boxes first: OpenCL's min/max ignore NaN where Java's return it
        if (aw > 0f && ah > 0f && bw > 0f && bh > 0f) {
            float w = min(ax2, bx2) - max(ax1, bx1);
            float h = min(ay2, by2) - max(ay1, by1);
            if (w > 0f && h > 0f) {
                float inter = w * h;
                result = inter / (aw * ah + bw * bh - inter);
            }
        }
        return result;
    }
}
