package io.sedet.config;

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
 * @param pseudoNormalizer    mean teacher: what its pseudo-labeled term is divided by ({@link PseudoNormalizer}) (pseudo)
 * @param strong              the strong augmentation u_w → u_s
 * @param normalizer          the anchors N sums w over: all of Ω (SED-SPEC) or the teacher's foreground F
 *                            ({@link AnchorSet}; a deviation, see docs/SED.md) (all)
 * @param boxAnchors          the anchors L_reg sums over: all of Ω (SED-SPEC) or F (all)
 * @param foregroundFraction  f of F: per image the ⌈f·|Ω|⌉ anchors of largest w (0.01, Dense Teacher's 1%)
 * @param emaStart            the iteration from which θ_t is an EMA of θ_s (before it, a copy); null: at
 *                            the end of burn-in (SED-SPEC); at most burnIn
 * @param lambdaRamp          iterations over which λ_u rises linearly from λ_u/lambdaRamp to λ_u after
 *                            burn-in; 0: λ_u at once (SED-SPEC) (0)
 * @param batchNorm           how the student's BatchNorms see the labeled batch and u_s
 *                            ({@link StudentBatchNorm}: joint, the SED-SPEC reading, or separate) (joint)
 */
public record SemiSupervisedConfig(Method method, String labeled, String split, String unlabeled,
                                   double unlabeledPerLabeled, long burnIn, double teacherMomentum,
                                   double lambdaUnsup, double lambdaScale, double gamma, boolean sameScalePairs,
                                   boolean scalePairs, boolean foregroundWeight, boolean softTargets,
                                   double hardThreshold, double pseudoThreshold, StrongAugment strong,
                                   AnchorSet normalizer, AnchorSet boxAnchors, double foregroundFraction,
                                   Long emaStart, long lambdaRamp, StudentBatchNorm batchNorm,
                                   PseudoNormalizer pseudoNormalizer) {

    public SemiSupervisedConfig {
        if (method == null) {
            method = Method.SUPERVISED;
        }
        if (strong == null) {
            strong = StrongAugment.defaults();
        }
        if (normalizer == null) {
            normalizer = AnchorSet.ALL;
        }
        if (boxAnchors == null) {
            boxAnchors = AnchorSet.ALL;
        }
        if (batchNorm == null) {
            batchNorm = StudentBatchNorm.JOINT;
        }
        if (pseudoNormalizer == null) {
            pseudoNormalizer = PseudoNormalizer.PSEUDO;
        }
    }

    public static SemiSupervisedConfig defaults() {
        return new SemiSupervisedConfig(Method.SUPERVISED, null, null, null, 1.0, 2000, 0.9996, 2.0, 1.0, 2.0,
                true, true, true, true, 0.5, 0.7, StrongAugment.defaults(), AnchorSet.ALL, AnchorSet.ALL, 0.01,
                null, 0, StudentBatchNorm.JOINT, PseudoNormalizer.PSEUDO);
    }

    /** The iteration from which the teacher is an EMA of the student ({@link #emaStart}, else burn-in's end). */
    public long teacherEmaStart() {
        return emaStart == null ? burnIn : emaStart;
    }

    /** Whether the teacher already averages during burn-in, so the burn-in must carry it. */
    public boolean teacherDuringBurnIn() {
        return method.usesTeacher() && teacherEmaStart() < burnIn;
    }

    /** Whether the foreground selection F is needed (by the normaliser or the regression term). */
    public boolean selectsForeground() {
        return AnchorSet.selectsForeground(normalizer, boxAnchors);
    }

    /**
     * λ_u at iteration t (0-based) of the student objective, which runs from burnIn on:
     * {@code λ_u·min(1, (t − burnIn + 1)/lambdaRamp)} with a ramp (its first value for any earlier t),
     * λ_u without.
     */
    public double lambdaUnsupAt(long t) {
        if (lambdaRamp <= 0) {
            return lambdaUnsup;
        }
        return lambdaUnsup * Math.min(1.0, (double) Math.max(1, t - burnIn + 1) / lambdaRamp);
    }

    /**
     * The settings of the supervised burn-in these settings start with: supervised, the same
     * labeled images and burn-in length, every other key at its default — so runs that differ
     * only after burn-in (methods, ablations, λs) share one burn-in.
     */
    public SemiSupervisedConfig burnInPart() {
        SemiSupervisedConfig d = defaults();
        // a teacher that averages during burn-in is part of what the burn-in computes: it is then
        // trained as SED stopped at burnIn (the same supervised steps) and carries θ_t in its checkpoint
        boolean teacher = teacherDuringBurnIn();
        return new SemiSupervisedConfig(teacher ? Method.SED : Method.SUPERVISED, labeled, split, null,
                d.unlabeledPerLabeled, burnIn, teacher ? teacherMomentum : d.teacherMomentum, d.lambdaUnsup,
                d.lambdaScale, d.gamma, d.sameScalePairs, d.scalePairs, d.foregroundWeight, d.softTargets,
                d.hardThreshold, d.pseudoThreshold, d.strong, d.normalizer, d.boxAnchors, d.foregroundFraction,
                teacher ? emaStart : d.emaStart, d.lambdaRamp, d.batchNorm, d.pseudoNormalizer);
    }

    /**
     * These settings with the keys that only mean teacher reads ({@code pseudoThreshold},
     * {@code pseudoNormalizer}) at their defaults when the method is not mean teacher: two runs
     * whose settings differ only there compute the same steps (see {@link TrainConfig#sameRun}).
     */
    public SemiSupervisedConfig withUnusedAtDefaults() {
        if (method == Method.MEAN_TEACHER) {
            return this;
        }
        SemiSupervisedConfig d = defaults();
        return new SemiSupervisedConfig(method, labeled, split, unlabeled, unlabeledPerLabeled, burnIn,
                teacherMomentum, lambdaUnsup, lambdaScale, gamma, sameScalePairs, scalePairs, foregroundWeight,
                softTargets, hardThreshold, d.pseudoThreshold, strong, normalizer, boxAnchors, foregroundFraction,
                emaStart, lambdaRamp, batchNorm, d.pseudoNormalizer);
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
        if (!(foregroundFraction > 0 && foregroundFraction <= 1)) {
            return "semi.foregroundFraction must be in (0, 1]";
        }
        if (emaStart != null && (emaStart < 0 || emaStart > burnIn)) {
            return "semi.emaStart must be in [0, semi.burnIn] (" + burnIn + "), got " + emaStart;
        }
        if (lambdaRamp < 0) {
            return "semi.lambdaRamp must be >= 0 (0: no ramp)";
        }
        if (labeled != null && split != null) {
            return "give semi.labeled or semi.split, not both";
        }
        if (labeled != null) {
            try {
                io.sedet.eval.split.LabeledAmount.parse(labeled); // its form, before any data is read
            } catch (io.sedet.io.InputException e) {
                return "semi.labeled: " + e.problem();
            }
        }
        return null;
    }
}
