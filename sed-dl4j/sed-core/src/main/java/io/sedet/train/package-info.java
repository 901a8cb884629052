/**
 * The one training loop and its parts: {@link io.sedet.train.Trainer} runs a
 * {@link io.sedet.train.TrainStep} (supervised: {@link io.sedet.train.SupervisedStep}; mean teacher
 * and SED: {@code io.sedet.semisup.SemiSupervisedStep}) — prepare inputs in the background, forward
 * and backward, finite check, one {@link io.sedet.train.Optimizer} update — over a
 * {@link io.sedet.train.TrainState} (parameters, optimizer state, EMA, iteration), then the
 * {@link io.sedet.train.TrainHook}s: {@link io.sedet.train.EmaHook} (model EMA or teacher,
 * {@link io.sedet.model.ModelEma}), {@link io.sedet.train.MetricsLog} ({@code metrics.jsonl}, one
 * {@link io.sedet.train.StepRecord} per step, shown through a {@link io.sedet.train.ProgressView}),
 * {@link io.sedet.train.EvalHook}, {@link io.sedet.train.CheckpointHook}. What keeps a run's folder
 * consistent through crashes and resumes: {@link io.sedet.train.RunFolder} (its files, the
 * fresh/overwrite rule, metrics truncation, stale temporaries), {@link io.sedet.train.FolderLock} (one
 * writing process per folder), {@link io.sedet.checkpoint.Checkpoint}
 * (durable writes, counted entries) and the finite checks of the loop and of the checkpoint hook
 * ({@link io.sedet.train.NonFiniteLossException}). {@code io.sedet.session.TrainingSession} puts a run
 * together from a config; this package knows no method beyond the supervised step.
 */
package io.sedet.train;
