/**
 * Experiments over training methods: {@link io.sedet.experiment.Comparison} trains
 * {@link io.sedet.experiment.Variant}s (supervised, mean teacher, SED, SED ablations) from one
 * shared supervised burn-in with the same seed and budget, and reports COCO AP on a held-out test
 * split — what {@code sedet demo} runs.
 */
package io.sedet.experiment;
