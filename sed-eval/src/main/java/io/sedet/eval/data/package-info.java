/**
 * A detection dataset as the evaluators and readers see it: {@link io.sedet.eval.data.Dataset}
 * (images, categories, ground truth in a fixed image order), {@link io.sedet.eval.data.ImageInfo},
 * {@link io.sedet.eval.data.Category}, {@link io.sedet.eval.data.GroundTruth},
 * and {@link io.sedet.eval.data.Detection} (image id, dataset category id, box, score).
 */
package io.sedet.eval.data;
