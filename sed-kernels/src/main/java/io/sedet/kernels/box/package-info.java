/**
 * The box operations of training and prediction as Aparapi kernels, with plain-Java references that
 * agree bit for bit on Java threads. Symbols: N anchors, G ground-truth boxes, K candidates.
 * Training: anchor matching ({@link io.sedet.kernels.box.AnchorMatcher}: {@link io.sedet.kernels.box.IouRowKernel}
 * → IoU {@code [N, G]}, best {@code [N]}, argmax {@code [N]}; {@link io.sedet.kernels.box.GtBestKernel} →
 * {@code [G]}; {@link io.sedet.kernels.box.MatchDecisionKernel} → matches {@code [N]}, −1 background,
 * −2 ignored) and target encoding ({@link io.sedet.kernels.box.EncodeKernel}, {@link io.sedet.kernels.box.BoxCoder}).
 * Prediction: {@link io.sedet.kernels.box.ScoreThresholdKernel}, {@link io.sedet.kernels.box.DecodeKernel}
 * (deltas {@code (dx, dy, dw, dh)} → clipped xyxy) and NMS ({@link io.sedet.kernels.box.NmsMaskKernel}, the
 * data-parallel half of greedy NMS). {@link io.sedet.kernels.box.BoxKernels} is the entry;
 * {@link io.sedet.kernels.box.BoxIou} and {@link io.sedet.kernels.box.IouKernel} hold the one float IoU the
 * kernels compute.
 */
package io.sedet.kernels.box;
