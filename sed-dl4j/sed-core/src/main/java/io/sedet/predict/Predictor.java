package io.sedet.predict;

import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.ImageSize;
import io.sedet.data.ImageTensors;
import io.sedet.data.Sample;
import io.sedet.kernels.image.ImageKernels;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.InferenceGraph;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs a detector on images of any size: each is fitted into the H×W canvas (aspect kept),
 * batched, passed through the {@link InferenceGraph}, and post-processed into
 * {@link PredictedBox}es in the image's own pixels with 0-based class indices.
 */
public final class Predictor {
    private final InferenceGraph graph;
    private final Postprocessor post;
    private final ImageKernels imageKernels;
    private final int batchSize;

    /** @param compute where image preparation and post-processing kernels run */
    public Predictor(DetectorSpec spec, DetectorParams params, int height, int width, PostprocessConfig cfg, int batchSize,
                     Compute compute) {
        this.graph = new InferenceGraph(spec, params, height, width);
        this.post = new Postprocessor(spec.anchors(), height, width, compute.boxes(), cfg);
        this.imageKernels = compute.images();
        this.batchSize = batchSize;
    }

    /** Copies newer parameter values into the graph (after training steps). */
    public void refresh() {
        graph.refresh();
    }

    /** Gives back the native arrays the graph keeps between batches ({@link InferenceGraph#releaseMemory}). */
    public void releaseMemory() {
        graph.releaseMemory();
    }

    /** The detections of each image, in the image's own pixels: {@code result.get(i)} is {@code images.get(i)}'s. */
    public List<List<PredictedBox>> predict(List<BufferedImage> images) {
        int h = graph.height();
        int w = graph.width();
        List<List<PredictedBox>> out = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += batchSize) {
            int n = Math.min(batchSize, images.size() - start);
            float[] x = new float[n * 3 * h * w];
            double[] scales = new double[n];
            ImageSize[] sizes = new ImageSize[n];
            for (int b = 0; b < n; b++) {
                BufferedImage img = images.get(start + b);
                scales[b] = ImageTensors.fitScale(ImageSize.of(img), new ImageSize(h, w), Math.min(w, h));
                sizes[b] = ImageTensors.place(imageKernels, img, scales[b], h, w, false, ImageTensors.Jitter.NONE, x, b * 3 * h * w);
                scales[b] = sizes[b].width() / (double) img.getWidth();
            }
            InferenceGraph.Output o = graph.run(x, n);
            for (int b = 0; b < n; b++) {
                out.add(post.detections(o, b, scales[b], sizes[b]));
            }
        }
        return out;
    }

    /** Images of a source read per call of {@link #predictEach}: bounds the decoded images held at once. */
    private static final int SOURCE_CHUNK = 32;

    /**
     * Predicts the first {@code count} images of {@code source} (all when larger), a chunk at a
     * time, and hands each sample with its detections to {@code each}, in source order.
     */
    public void predictEach(DetectionSource source, int count, BiConsumer<Sample, List<PredictedBox>> each) {
        int n = Math.min(count, source.size());
        for (int start = 0; start < n; start += SOURCE_CHUNK) {
            List<Sample> samples = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + SOURCE_CHUNK); i++) {
                samples.add(source.get(i));
            }
            List<List<PredictedBox>> dets = predict(samples.stream().map(Sample::image).toList());
            for (int i = 0; i < samples.size(); i++) {
                each.accept(samples.get(i), dets.get(i));
            }
        }
    }
}
