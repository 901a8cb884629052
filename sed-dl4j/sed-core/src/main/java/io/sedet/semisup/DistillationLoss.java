package io.sedet.semisup;

import io.sedet.config.AnchorSet;
import io.sedet.config.SemiSupervisedConfig;
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
 *
 * <p>With a foreground selection F ⊆ Ω (a 0/1 mask {@code [U, M]} of the teacher's top anchors per
 * image, {@link AnchorSet#FOREGROUND}, computed from the teacher alone by {@link ForegroundSelection}),
 * {@code normalizer = FOREGROUND} sums w over F only (N = max(1, Σ_F w)) and
 * {@code boxAnchors = FOREGROUND} sums L_reg over F only; L_cls always runs over all of Ω.
 */
public final class DistillationLoss {

    /**
     * @param gamma            γ of the re-weighting (2; 0 = off)
     * @param foregroundWeight weight the regression term by w = max_c t (true) or by 1
     * @param softTargets      t = q (true) or 1[q ≥ hardThreshold]
     * @param hardThreshold    τ of the hard targets (0.5)
     * @param smoothL1Beta     β of the SmoothL1 on the deltas (1/9)
     * @param normalizer       the anchors N sums w over (Ω or F)
     * @param boxAnchors       the anchors L_reg sums over (Ω or F)
     */
    public record Config(double gamma, boolean foregroundWeight, boolean softTargets, double hardThreshold,
                         double smoothL1Beta, AnchorSet normalizer, AnchorSet boxAnchors) {
        public static Config of(SemiSupervisedConfig s) {
            return new Config(s.gamma(), s.foregroundWeight(), s.softTargets(), s.hardThreshold(), 1.0 / 9,
                    s.normalizer(), s.boxAnchors());
        }

        /** Whether a foreground mask is needed. */
        public boolean selectsForeground() {
            return AnchorSet.selectsForeground(normalizer, boxAnchors);
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
     * @param foreground the mask of F {@code [U, M]} (1 selected, 0 not), or null when
     *                   {@code cfg} selects no foreground
     */
    public static Terms build(SameDiff sd, SDVariable z, SDVariable q, SDVariable ds, SDVariable dt,
                              SDVariable foreground, Config cfg) {
        if (cfg.selectsForeground() && foreground == null) {
            throw new IllegalArgumentException("the config sums over the foreground selection F: give its mask");
        }
        SDVariable t = cfg.softTargets() ? q : q.gte(cfg.hardThreshold()).castTo(q.dataType());
        SDVariable w = t.max(2);                                                        // [U, M]
        SDVariable wn = cfg.normalizer() == AnchorSet.FOREGROUND ? w.mul(foreground) : w;
        SDVariable norm = sd.math().max(wn.sum(), sd.constant(1.0).castTo(q.dataType()));
        SDVariable bce = DenseLosses.bceWithLogits(sd, z, t);                           // [U, M, C]
        SDVariable weighted = bce;
        if (cfg.gamma() > 0) {
            SDVariable diff = sd.math().abs(t.sub(sd.nn().sigmoid(z)));
            SDVariable factor = cfg.gamma() == 2.0 ? diff.mul(diff) : sd.math().pow(diff, cfg.gamma());
            weighted = factor.mul(bce);
        }
        SDVariable cls = weighted.sum().div(norm);
        SDVariable perAnchor = DenseLosses.smoothL1(sd, ds, dt, cfg.smoothL1Beta()).sum(2);      // [U, M]
        SDVariable boxWeight = cfg.foregroundWeight() ? w : null;                       // w' = w, or 1
        if (cfg.boxAnchors() == AnchorSet.FOREGROUND) {
            boxWeight = boxWeight == null ? foreground : boxWeight.mul(foreground);
        }
        SDVariable box = (boxWeight == null ? perAnchor : perAnchor.mul(boxWeight)).sum().div(norm);
        return new Terms(cls, box, norm);
    }
}
