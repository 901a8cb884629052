/**
 * RetinaNet's supervised loss as graph fragments: {@link io.sedet.loss.DenseLosses} (sigmoid focal,
 * smooth L1, GIoU elementwise), {@link io.sedet.loss.SupervisedLoss} (the target placeholders
 * {@code [B, N, C]}, {@code [B, N]}, {@code [B, N, 4]}, {@code [B, N]} and the normaliser max(1, positives);
 * {@code loss_cls = Σ focal / norm}, {@code loss_box = Σ box loss / norm}) and
 * {@link io.sedet.loss.SupervisedObjective} (images {@code [B, 3, H, W]} → one pass → the two terms).
 */
package io.sedet.loss;
