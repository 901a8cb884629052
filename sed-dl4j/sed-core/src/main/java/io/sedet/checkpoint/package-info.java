/**
 * {@link io.sedet.checkpoint.Checkpoint}: the one file format of a trained or training detector
 * ({@code last.ckpt}, {@code model.sedet}): a zip of {@code meta.json} (iteration, class names, config)
 * and counted array entries ({@link io.sedet.checkpoint.ArrayEntries}: parameters, BatchNorm statistics,
 * optimizer state, EMA/teacher), written durably (temporary, fsync, rename) and checked entry by entry
 * when read.
 */
package io.sedet.checkpoint;
