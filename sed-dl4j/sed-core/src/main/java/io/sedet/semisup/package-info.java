/**
 * SED — Scale-Equivalent Distillation (Guo et al., CVPR 2022) — and the mean-teacher baseline:
 * everything of the method lives here; the loop, optimizer, checkpoints and hooks are the shared
 * ones of {@code io.sedet.train}.
 *
 * <h2>Symbols (as in {@code shared/docs/SED-SPEC.md})</h2>
 * <table>
 *   <caption>symbols</caption>
 *   <tr><td>u</td><td>an unlabeled image; U of them per step, L labeled ones</td></tr>
 *   <tr><td>u_w</td><td>weak view: resize within the scale range and flip — the teacher's input
 *       ({@link io.sedet.semisup.UnlabeledBatch#weak()})</td></tr>
 *   <tr><td>u_s</td><td>strong view: u_w plus photometric {@link io.sedet.config.StrongAugment}
 *       (colour jitter, grey, blur, cutout), same geometry</td></tr>
 *   <tr><td>u_s↓</td><td>u_s resized by exactly 0.5, antialiased ({@link io.sedet.semisup.UnlabeledBatch#half()})</td></tr>
 *   <tr><td>θ_s, θ_t</td><td>student parameters (trained) and teacher parameters (EMA of θ_s,
 *       {@code ModelEma.Decay.teacher}: a copy during burn-in, then m = 0.9996 by default)</td></tr>
 *   <tr><td>Z_l, D_l</td><td>class logits {@code [B, H/2^l, W/2^l, A, C]} and box deltas
 *       {@code [.., 4]} of FPN level l, flattened to {@code [B, N, C]}, {@code [B, N, 4]}</td></tr>
 *   <tr><td>q, p</td><td>σ(Z) of the teacher on u_w (no gradient) and of the student</td></tr>
 *   <tr><td>Ω</td><td>a paired anchor set ({@link io.sedet.semisup.LevelPairing}): same-scale
 *       l ↔ l (3..7), scale-equivalent teacher l ↔ student-on-u_s↓ l − 1 (4..7)</td></tr>
 *   <tr><td>w, N</td><td>foreground weight max_c q per anchor; normaliser max(1, Σ_Ω w)</td></tr>
 *   <tr><td>γ, λ_u, λ_sc</td><td>re-weighting exponent (2), unsupervised weight (2), scale-pair weight (1)</td></tr>
 * </table>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.sedet.config.SemiSupervisedConfig} (+ {@link io.sedet.config.Method},
 *       {@link io.sedet.config.StrongAugment}): the {@code "semi"} config section, every default documented;</li>
 *   <li>{@link io.sedet.semisup.SemiSupervisedData}: the labeled/unlabeled split of the training set
 *       ({@code --labeled}, {@code --split}, {@code --unlabeled});</li>
 *   <li>{@link io.sedet.semisup.UnlabeledViews}: u_w, u_s, u_s↓ from one geometry draw, photometric
 *       noise from another stream;</li>
 *   <li>{@link io.sedet.semisup.LevelPairing}: the index ranges of the pairs;</li>
 *   <li>{@link io.sedet.semisup.DistillationLoss}: soft-target BCE with |q − p|^γ, SmoothL1 on the
 *       deltas weighted by w, both over N;</li>
 *   <li>{@link io.sedet.semisup.StudentObjective}: the student graph (labeled + u_s in one pass,
 *       u_s↓ in a second, shared weights) and its named terms;</li>
 *   <li>{@link io.sedet.semisup.Teacher}: the teacher's own inference graph on the EMA's arrays;
 *       {@link io.sedet.semisup.TeacherTargets}: {@link io.sedet.semisup.SoftTargets} (SED) or
 *       {@link io.sedet.semisup.PseudoLabeler} (mean teacher's hard pseudo-labels);</li>
 *   <li>{@link io.sedet.semisup.SemiSupervisedStep}: burn-in, then teacher → targets → one student
 *       forward/backward; the {@code Trainer} applies one optimizer update and the {@code EmaHook}
 *       moves the teacher.</li>
 * </ul>
 * Ablation switches ({@code semi.scalePairs}, {@code sameScalePairs}, {@code gamma = 0},
 * {@code foregroundWeight}, {@code softTargets}) each remove exactly one factor or term.
 */
package io.sedet.semisup;
