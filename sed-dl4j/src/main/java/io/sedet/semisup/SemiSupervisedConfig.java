package io.sedet.semisup;

/**
 * The semi-supervised settings of a training run (the {@code "semi"} section of a config). Every
 * default is in {@link #defaults()}; a config that leaves out a key keeps it. Symbols as in
 * {@code package-info}.
 *
 * @param method              supervised | mean-teacher | sed (supervised)
 * @param labeled             which training images are labeled: a fraction ("0.1") or a count ("50")
 *                            drawn with the run's seed; null: all of them (or those of {@code split})
 * @param split               a file written by {@code sedet split} naming the labeled images; null for none
 * @param unlabeled           a folder of unannotated images added to the unlabeled set; null for none
 * @param unlabeledPerLabeled unlabeled images per labeled image in a step (1.0: the batch is 1:1)
 * @param burnIn              supervised iterations before the teacher is used; at their end θ_t := θ_s (2000)
 * @param teacherMomentum     m of θ_t ← m·θ_t + (1 − m)·θ_s (0.9996; smaller for short runs)
 * @param lambdaUnsup         λ_u, weight of the unsupervised terms (2.0)
 * @param lambdaScale         λ_sc, weight of the scale-equivalent pairs inside them (1.0)
 * @param gamma               γ of the |q − p|^γ re-weighting; 0 switches the re-weighting off (2.0)
 * @param sameScalePairs      distil teacher level l into student u_s level l, l = 3..7 (true)
 * @param scalePairs          distil teacher level l into student u_s↓ level l − 1, l = 4..7 (true)
 * @param foregroundWeight    weight the regression distillation by w = max_c q; false: w = 1 (true)
 * @param softTargets         soft targets q; false: hard targets 1[q ≥ hardThreshold] (true)
 * @param hardThreshold       threshold of the hard targets (0.5)
 * @param pseudoThreshold     mean teacher: teacher boxes (after NMS) at or above this score are pseudo-labels (0.7)
 * @param strong              the strong augmentation u_w → u_s
 */
public record SemiSupervisedConfig(Method method, String labeled, String split, String unlabeled,
                                   double unlabeledPerLabeled, long burnIn, double teacherMomentum,
                                   double lambdaUnsup, double lambdaScale, double gamma, boolean sameScalePairs,
                                   boolean scalePairs, boolean foregroundWeight, boolean softTargets,
                                   double hardThreshold, double pseudoThreshold, StrongAugment strong) {

    public SemiSupervisedConfig {
        if (method == null) {
            method = Method.SUPERVISED;
        }
        if (strong == null) {
            strong = StrongAugment.defaults();
        }
    }

    public static SemiSupervisedConfig defaults() {
        return new SemiSupervisedConfig(Method.SUPERVISED, null, null, null, 1.0, 2000, 0.9996, 2.0, 1.0, 2.0,
                true, true, true, true, 0.5, 0.7, StrongAugment.defaults());
    }

    /**
     * The settings of the supervised burn-in these settings start with: supervised, the same
     * labeled images and burn-in length, every other key at its default — so runs that differ
     * only after burn-in (methods, ablations, λs) share one burn-in.
     */
    public SemiSupervisedConfig burnInPart() {
        SemiSupervisedConfig d = defaults();
        return new SemiSupervisedConfig(Method.SUPERVISED, labeled, split, null, d.unlabeledPerLabeled, burnIn,
                d.teacherMomentum, d.lambdaUnsup, d.lambdaScale, d.gamma, d.sameScalePairs, d.scalePairs,
                d.foregroundWeight, d.softTargets, d.hardThreshold, d.pseudoThreshold, d.strong);
    }

    /** Unlabeled images per step for {@code labeledPerStep} labeled ones (at least 1). */
    public int unlabeledPerStep(int labeledPerStep) {
        return Math.max(1, (int) Math.round(unlabeledPerLabeled * labeledPerStep));
    }

    /** Problems with the values, or null. */
    public String problem() {
        if (!(unlabeledPerLabeled > 0)) {
            return "semi.unlabeledPerLabeled must be positive";
        }
        if (burnIn < 0) {
            return "semi.burnIn must be >= 0";
        }
        if (!(teacherMomentum >= 0 && teacherMomentum < 1)) {
            return "semi.teacherMomentum must be in [0, 1)";
        }
        if (!(gamma >= 0) || !(lambdaUnsup >= 0) || !(lambdaScale >= 0)) {
            return "semi.gamma, semi.lambdaUnsup and semi.lambdaScale must be >= 0";
        }
        if (labeled != null && split != null) {
            return "give semi.labeled (--labeled) or semi.split (--split), not both";
        }
        return null;
    }
}
