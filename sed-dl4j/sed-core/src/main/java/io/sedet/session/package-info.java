/**
 * One training run put together: {@link io.sedet.session.TrainingSession} wires data (and the
 * labeled/unlabeled split, {@link io.sedet.session.DataSources}), parameters, optimizer, the configured
 * method's step (supervised, or {@code io.sedet.semisup}'s mean teacher and SED), the EMA or teacher and the
 * hooks into the {@code io.sedet.train} loop — fresh, resumed ({@link io.sedet.session.ResumeCheck}: what a
 * resume may change) or continued from another run's checkpoint (a shared burn-in) — and records where it
 * ran ({@link io.sedet.session.RunEnvironment}).
 */
package io.sedet.session;
