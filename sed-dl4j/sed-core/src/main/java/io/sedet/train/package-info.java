/**
 * The one training loop and what surrounds it: {@link io.sedet.train.Trainer} runs a
 * {@link io.sedet.train.TrainStep} (supervised: {@link io.sedet.train.SupervisedStep}; mean teacher
 * and SED: {@code io.sedet.semisup.SemiSupervisedStep}) — prepare inputs in the background, forward
 * and backward, finite check, one {@link io.sedet.train.Optimizer} update — and the
 * {@link io.sedet.train.TrainHook}s: {@link io.sedet.train.EmaHook} (model EMA or teacher,
 * {@link io.sedet.train.ModelEma}), {@link io.sedet.train.MetricsLog}, {@link io.sedet.train.EvalHook},
 * {@link io.sedet.train.CheckpointHook}. {@link io.sedet.train.TrainingSession} wires a run from a
 * {@link io.sedet.train.TrainConfig}, fresh, resumed, or continued from another run's checkpoint
 * (a shared burn-in). What keeps a run's output folder consistent through crashes and resumes:
 * {@link io.sedet.train.RunFolder} (its files, the fresh/overwrite rule, metrics truncation, stale
 * temporaries), {@link io.sedet.train.ResumeCheck} (what a resume may change),
 * {@link io.sedet.train.Checkpoint} (durable writes, counted entries) and the finite checks of the
 * loop and of {@link io.sedet.train.CheckpointHook} ({@link io.sedet.train.NonFiniteLossException}).
 */
package io.sedet.train;
