/**
 * The detector in SameDiff. {@link io.sedet.model.DetectorSpec} (with {@link io.sedet.model.BackboneSpec})
 * is its shape; {@link io.sedet.model.RetinaNet} writes it into a graph from named parts —
 * {@link io.sedet.model.ResNet} (C2–C5), {@link io.sedet.model.Fpn} (P3–P7, F channels),
 * {@link io.sedet.model.RetinaHead}, each convolution + BatchNorm by {@link io.sedet.model.ConvBatchNorm}
 * (one strategy per mode) and every layer through {@link io.sedet.model.GraphLayers} (names,
 * parameters, initial weights) — giving per level l class logits {@code [B, H_l, W_l, A, C]} and deltas
 * {@code [B, H_l, W_l, A, 4]}, which {@link io.sedet.model.DenseOutputs} flattens to {@code [B, N, C]} and
 * {@code [B, N, 4]}. {@link io.sedet.model.TrainingGraph} is a student's graph (an objective's passes and
 * loss terms), {@link io.sedet.model.InferenceGraph} the prediction graph (probabilities and deltas).
 * {@link io.sedet.model.DetectorParams} holds the parameters and BatchNorm statistics by name;
 * {@link io.sedet.model.ModelEma} their exponential moving average (model EMA, SED's teacher);
 * {@link io.sedet.model.InPlace} the allocation-free updates; {@link io.sedet.model.BatchNormOp} and
 * {@link io.sedet.model.FoldedBatchNorm} the BatchNorm variants; {@link io.sedet.model.ArrayPool} reuses
 * a graph's native arrays between executions.
 */
package io.sedet.model;
