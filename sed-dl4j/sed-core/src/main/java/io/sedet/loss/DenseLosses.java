package io.sedet.loss;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Elementwise loss terms as SameDiff graph fragments. All inputs broadcast elementwise; nothing
 * is reduced here.
 */
public final class DenseLosses {
    private DenseLosses() {
    }

    /**
     * Binary cross-entropy from logits {@code z} against (soft) targets {@code t}, in the stable
     * form {@code max(z, 0) − z·t + log(1 + e^{−|z|})}.
     */
    public static SDVariable bceWithLogits(SameDiff sd, SDVariable z, SDVariable t) {
        return sd.nn().relu(z, 0).sub(z.mul(t)).add(sd.math().log1p(sd.math().exp(sd.math().abs(z).neg())));
    }

    /**
     * Sigmoid focal loss (Lin et al. 2017): {@code α_t (1 − p_t)^γ · BCE(z, t)} with
     * {@code p = σ(z)}, {@code p_t = p·t + (1 − p)(1 − t)}, {@code α_t = α·t + (1 − α)(1 − t)}.
     */
    public static SDVariable sigmoidFocal(SameDiff sd, SDVariable z, SDVariable t, double alpha, double gamma) {
        SDVariable p = sd.nn().sigmoid(z);
        SDVariable one = sd.constant(1.0).castTo(z.dataType());
        SDVariable pt = p.mul(t).add(one.sub(p).mul(one.sub(t)));
        SDVariable alphaT = t.mul(alpha).add(one.sub(t).mul(1 - alpha));
        SDVariable m = one.sub(pt);
        SDVariable modulating = gamma == 2.0 ? m.mul(m) : sd.math().pow(m, gamma);
        return alphaT.mul(modulating).mul(bceWithLogits(sd, z, t));
    }

    /**
     * Smooth L1 (Huber with slope 1) of {@code d = x − y}: {@code 0.5 d²/β} for {@code |d| < β},
     * {@code |d| − 0.5β} beyond. Written as {@code 0.5 m²/β + relu(|d| − β)} with
     * {@code m = |d| − relu(|d| − β)}, which is differentiable everywhere except at 0.
     */
    public static SDVariable smoothL1(SameDiff sd, SDVariable x, SDVariable y, double beta) {
        SDVariable d = sd.math().abs(x.sub(y));
        SDVariable over = sd.nn().relu(d.sub(beta), 0);
        SDVariable m = d.sub(over);
        return m.mul(m).mul(0.5 / beta).add(over);
    }

    /**
     * {@code 1 − GIoU} of the boxes decoded from predicted and target deltas {@code [B, N, 4]} on
     * {@code anchors} ({@code [N*4]} xyxy; unit coder weights, dw/dh clamped at
     * {@code log(1000/16)} as the decoder does). GIoU = IoU − (|C| − |A∪B|)/|C| with C the smallest
     * enclosing box. Returns {@code [B, N]}; anchors without a target get a finite value that
     * their zero weight removes.
     */
    public static SDVariable giouLoss(SameDiff sd, SDVariable pred, SDVariable target, float[] anchors, DataType dtype) {
        if (anchors == null) {
            throw new IllegalArgumentException("GIoU needs the anchors");
        }
        int n = anchors.length / 4;
        double[] aw = new double[n];
        double[] ah = new double[n];
        double[] ax = new double[n];
        double[] ay = new double[n];
        for (int i = 0; i < n; i++) {
            aw[i] = anchors[4 * i + 2] - anchors[4 * i];
            ah[i] = anchors[4 * i + 3] - anchors[4 * i + 1];
            ax[i] = anchors[4 * i] + 0.5 * aw[i];
            ay[i] = anchors[4 * i + 1] + 0.5 * ah[i];
        }
        SDVariable w = sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(aw).reshape(1, n).castTo(dtype));
        SDVariable h = sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(ah).reshape(1, n).castTo(dtype));
        SDVariable cx = sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(ax).reshape(1, n).castTo(dtype));
        SDVariable cy = sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(ay).reshape(1, n).castTo(dtype));
        SDVariable[] p = decode(sd, pred, w, h, cx, cy);
        SDVariable[] t = decode(sd, target, w, h, cx, cy);
        SDVariable iw = sd.nn().relu(sd.math().min(p[2], t[2]).sub(sd.math().max(p[0], t[0])), 0);
        SDVariable ih = sd.nn().relu(sd.math().min(p[3], t[3]).sub(sd.math().max(p[1], t[1])), 0);
        SDVariable inter = iw.mul(ih);
        SDVariable union = p[2].sub(p[0]).mul(p[3].sub(p[1])).add(t[2].sub(t[0]).mul(t[3].sub(t[1]))).sub(inter);
        SDVariable enclosing = sd.math().max(p[2], t[2]).sub(sd.math().min(p[0], t[0]))
                .mul(sd.math().max(p[3], t[3]).sub(sd.math().min(p[1], t[1])));
        double eps = 1e-7;
        SDVariable iou = inter.div(union.add(eps));
        SDVariable giou = iou.sub(enclosing.sub(union).div(enclosing.add(eps)));
        return giou.rsub(1.0);
    }

    /** x1, y1, x2, y2 {@code [B, N]} of deltas {@code [B, N, 4]} on anchors given by size and centre {@code [1, N]}. */
    private static SDVariable[] decode(SameDiff sd, SDVariable d, SDVariable w, SDVariable h, SDVariable cx, SDVariable cy) {
        double clamp = io.sedet.kernels.box.BoxCoder.SCALE_CLAMP;
        SDVariable dx = d.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0));
        SDVariable dy = d.get(SDIndex.all(), SDIndex.all(), SDIndex.point(1));
        SDVariable dw = d.get(SDIndex.all(), SDIndex.all(), SDIndex.point(2));
        SDVariable dh = d.get(SDIndex.all(), SDIndex.all(), SDIndex.point(3));
        SDVariable x = dx.mul(w).add(cx);
        SDVariable y = dy.mul(h).add(cy);
        SDVariable bw = sd.math().exp(sd.math().min(dw, sd.constant(clamp).castTo(d.dataType()))).mul(w);
        SDVariable bh = sd.math().exp(sd.math().min(dh, sd.constant(clamp).castTo(d.dataType()))).mul(h);
        return new SDVariable[] {x.sub(bw.mul(0.5)), y.sub(bh.mul(0.5)), x.add(bw.mul(0.5)), y.add(bh.mul(0.5))};
    }
}
