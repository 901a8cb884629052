package io.sedet.semisup;

import io.sedet.loss.DenseLosses;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * SED's dense distillation over one paired anchor set Ω (SED-SPEC "Losses"), as a graph fragment.
 * With z the student's class logits {@code [U, M, C]}, p = σ(z), q the teacher's class probabilities
 * {@code [U, M, C]} (an input: no gradient), t = q (soft targets) or 1[q ≥ τ] (hard targets),
 * D_s and D_t the student's and teacher's box deltas {@code [U, M, 4]}:
 * <pre>
 *   w     = max_c t                                      [U, M]   foreground weight
 *   N     = max(1, Σ_Ω w)                                          the normaliser of both terms
 *   L_cls = (1/N) Σ_{Ω,c} |t − p|^γ · BCE(z, t)          BCE = max(z, 0) − z·t + log(1 + e^{−|z|})
 *   L_reg = (1/N) Σ_Ω w' · Σ_k SmoothL1_β(D_s,k − D_t,k)  w' = w, or 1 without the foreground weight
 * </pre>
 * γ = 0 turns the re-weighting off (the weight is 1). The |t − p|^γ factor is differentiated, as
 * the focal loss's modulating factor is.
 */
public final class DistillationLoss {

    /**
     * @param gamma            γ of the re-weighting (2; 0 = off)
     * @param foregroundWeight weight the regression term by w = max_c t (true) or by 1
     * @param softTargets      t = q (true) or 1[q ≥ hardThreshold]
     * @param hardThreshold    τ of the hard targets (0.5)
     * @param smoothL1Beta     β of the SmoothL1 on the deltas (1/9)
     */
    public record Config(double gamma, boolean foregroundWeight, boolean softTargets, double hardThreshold,
                         double smoothL1Beta) {
        public static Config of(SemiSupervisedConfig s) {
            return new Config(s.gamma(), s.foregroundWeight(), s.softTargets(), s.hardThreshold(), 1.0 / 9);
        }
    }

    /** The two scalar terms and the normaliser N. */
    public record Terms(SDVariable cls, SDVariable box, SDVariable normalizer) {
    }

    private DistillationLoss() {
    }

    /**
     * @param z  student logits {@code [U, M, C]}
     * @param q  teacher probabilities {@code [U, M, C]}
     * @param ds student deltas {@code [U, M, 4]}
     * @param dt teacher deltas {@code [U, M, 4]}
     */
    public static Terms build(SameDiff sd, SDVariable z, SDVariable q, SDVariable ds, SDVariable dt, Config cfg) {
        SDVariable t = cfg.softTargets() ? q : q.gte(cfg.hardThreshold()).castTo(q.dataType());
        SDVariable w = t.max(2);                                                        // [U, M]
        SDVariable norm = sd.math().max(w.sum(), sd.constant(1.0).castTo(q.dataType()));
        SDVariable bce = DenseLosses.bceWithLogits(sd, z, t);                           // [U, M, C]
        SDVariable weighted = bce;
        if (cfg.gamma() > 0) {
            SDVariable diff = sd.math().abs(t.sub(sd.nn().sigmoid(z)));
            SDVariable factor = cfg.gamma() == 2.0 ? diff.mul(diff) : sd.math().pow(diff, cfg.gamma());
            weighted = factor.mul(bce);
        }
        SDVariable cls = weighted.sum().div(norm);
        SDVariable perAnchor = DenseLosses.smoothL1(sd, ds, dt, cfg.smoothL1Beta()).sum(2);      // [U, M]
        SDVariable box = (cfg.foregroundWeight() ? perAnchor.mul(w) : perAnchor).sum().div(norm);
        return new Terms(cls, box, norm);
    }
}
