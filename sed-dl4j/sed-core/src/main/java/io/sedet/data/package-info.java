/**
 * Images and their objects on the way into the network. Sources ({@link io.sedet.data.DetectionSource}:
 * {@link io.sedet.data.ShapesDataset} built in, {@link io.sedet.data.FileDatasetSource} VOC/COCO,
 * {@link io.sedet.data.ImageFolderSource} unlabeled folders, {@link io.sedet.data.SubsetSource},
 * {@link io.sedet.data.ConcatSource}) give {@link io.sedet.data.Sample}s (0-based class labels, boxes in
 * image pixels), decoded by {@link io.sedet.data.ImageDecoder}. {@link io.sedet.data.ImageTensors} turns
 * an image into the network's input {@code [3, H, W]} (resize to fit, top-left on the canvas,
 * normalised); {@link io.sedet.data.TargetEncoder} writes one image's targets (class {@code [N*C]},
 * weight {@code [N]}, box {@code [N*4]}, box weight {@code [N]}); {@link io.sedet.data.SupervisedBatches}
 * makes a {@link io.sedet.data.TrainBatch} of B images deterministically from (seed, iteration)
 * ({@link io.sedet.data.EpochOrder}, {@link io.sedet.data.AugmentConfig}), ahead of the step on a
 * {@link io.sedet.data.Prefetcher} thread.
 */
package io.sedet.data;
