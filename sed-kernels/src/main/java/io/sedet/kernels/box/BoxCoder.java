package io.sedet.kernels.box;

/**
 * Encodes boxes relative to anchors as {@code (dx, dy, dw, dh)} and back, torchvision's
 * {@code BoxCoder}: {@code dx = wx·(gx − ax)/aw}, {@code dw = ww·log(gw/aw)}, with (x, y) the
 * centres and weights {@code (wx, wy, ww, wh)} (RetinaNet: all 1). Decoding clamps dw and dh at
 * {@code log(1000/16)} before {@code exp}.
 *
 * <p>The plain-Java reference (double arithmetic) of {@link BoxKernels#encode} and
 * {@link BoxKernels#decode}, whose kernels compute in float.
 */
public final class BoxCoder {
    /** Largest dw/dh passed to exp when decoding. */
    public static final double SCALE_CLAMP = Math.log(1000.0 / 16);

    private final double wx;
    private final double wy;
    private final double ww;
    private final double wh;

    public BoxCoder(double wx, double wy, double ww, double wh) {
        this.wx = wx;
        this.wy = wy;
        this.ww = ww;
        this.wh = wh;
    }

    /** {@code (wx, wy, ww, wh)}. */
    public float[] weights() {
        return new float[] {(float) wx, (float) wy, (float) ww, (float) wh};
    }

    public static BoxCoder unit() {
        return new BoxCoder(1, 1, 1, 1);
    }

    /**
     * Writes the deltas of box {@code b} (xyxy, offset bo) against anchor {@code a} (offset ao)
     * into {@code out[oo..oo+3]}.
     */
    public void encode(float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        double aw = a[ao + 2] - a[ao];
        double ah = a[ao + 3] - a[ao + 1];
        double ax = a[ao] + 0.5 * aw;
        double ay = a[ao + 1] + 0.5 * ah;
        double bw = Math.max(b[bo + 2] - b[bo], 1e-3);
        double bh = Math.max(b[bo + 3] - b[bo + 1], 1e-3);
        double bx = b[bo] + 0.5 * (b[bo + 2] - b[bo]);
        double by = b[bo + 1] + 0.5 * (b[bo + 3] - b[bo + 1]);
        out[oo] = (float) (wx * (bx - ax) / aw);
        out[oo + 1] = (float) (wy * (by - ay) / ah);
        out[oo + 2] = (float) (ww * Math.log(bw / aw));
        out[oo + 3] = (float) (wh * Math.log(bh / ah));
    }

    /** Writes the box (xyxy) of deltas {@code d} (offset d0) on anchor {@code a} into {@code out}. */
    public void decode(float[] a, int ao, float[] d, int d0, float[] out, int oo) {
        double aw = a[ao + 2] - a[ao];
        double ah = a[ao + 3] - a[ao + 1];
        double ax = a[ao] + 0.5 * aw;
        double ay = a[ao + 1] + 0.5 * ah;
        double dx = d[d0] / wx;
        double dy = d[d0 + 1] / wy;
        double dw = Math.min(d[d0 + 2] / ww, SCALE_CLAMP);
        double dh = Math.min(d[d0 + 3] / wh, SCALE_CLAMP);
        double cx = dx * aw + ax;
        double cy = dy * ah + ay;
        double w = Math.exp(dw) * aw;
        double h = Math.exp(dh) * ah;
        out[oo] = (float) (cx - 0.5 * w);
        out[oo + 1] = (float) (cy - 0.5 * h);
        out[oo + 2] = (float) (cx + 0.5 * w);
        out[oo + 3] = (float) (cy + 0.5 * h);
    }
}
