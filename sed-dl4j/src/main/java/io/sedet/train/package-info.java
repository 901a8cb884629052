/**
 * The one training loop and what surrounds it: {@link io.sedet.train.Trainer} runs a
 * {@link io.sedet.train.TrainStep} (supervised: {@link io.sedet.train.SupervisedStep}; mean teacher
 * and SED: {@code io.sedet.semisup.SemiSupervisedStep}) — prepare inputs in the background, forward
 * and backward, finite check, one {@link io.sedet.train.Optimizer} update — and the
 * {@link io.sedet.train.TrainHook}s: {@link io.sedet.train.EmaHook} (model EMA or teacher,
 * {@link io.sedet.train.ModelEma}), {@link io.sedet.train.MetricsLog}, {@link io.sedet.train.EvalHook},
 * {@link io.sedet.train.CheckpointHook}. {@link io.sedet.train.TrainingSession} wires a run from a
 * {@link io.sedet.train.TrainConfig}, fresh, resumed, or continued from another run's checkpoint
 * (a shared burn-in).
 */
package io.sedet.train;
