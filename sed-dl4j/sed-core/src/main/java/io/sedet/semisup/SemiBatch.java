package io.sedet.semisup;

import io.sedet.data.TrainBatch;

/**
 * The inputs of one semi-supervised iteration.
 *
 * @param labeled   the labeled batch (L images)
 * @param unlabeled the unlabeled views (U images), or null during burn-in
 */
public record SemiBatch(TrainBatch labeled, UnlabeledBatch unlabeled) {
}
