package io.sedet.data;

/**
 * One supervised training batch (B images on an H×W canvas, N anchors, C classes).
 *
 * @param iteration    the iteration it was made for
 * @param images       {@code [B, 3, H, W]} normalised
 * @param clsTarget    {@code [B, N, C]}
 * @param clsWeight    {@code [B, N]}
 * @param boxTarget    {@code [B, N, 4]}
 * @param boxWeight    {@code [B, N]}
 * @param numPositives positive anchors in the batch
 */
public record TrainBatch(long iteration, int batchSize, int height, int width, float[] images,
                         float[] clsTarget, float[] clsWeight, float[] boxTarget, float[] boxWeight,
                         int numPositives) {
}
