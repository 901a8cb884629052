/**
 * From a trained detector to detections. {@link io.sedet.predict.DetectorModel} loads a checkpoint or
 * {@code model.sedet} (its model EMA when it holds one, else the trained weights); {@link io.sedet.predict.Predictor} runs the
 * inference graph on batches ({@code [B, 3, H, W]} → probabilities {@code [B, N, C]}, deltas
 * {@code [B, N, 4]}); {@link io.sedet.predict.Postprocessor} turns one image's dense outputs into
 * {@link io.sedet.predict.PredictedBox}es (per level top-k above the score threshold, decoded, clipped,
 * per-class NMS, the best per image) in the image's pixels with 0-based classes, the one detection type
 * inside the library; {@link io.sedet.predict.SourceEvaluation#inDatasetTerms} maps one to the dataset's
 * image and category ids at the COCO/VOC boundary. {@link io.sedet.predict.SourceEvaluation} evaluates a model on a source
 * with COCO's metrics ({@link io.sedet.predict.EvalSummary}); {@link io.sedet.predict.DetectionDrawing} draws
 * detections and ground truth.
 */
package io.sedet.predict;
