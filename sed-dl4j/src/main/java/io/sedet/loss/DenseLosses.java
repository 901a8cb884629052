package io.sedet.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

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
}
