package io.sedet.predict;

import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.ImageTensors;
import io.sedet.eval.box.Box;
import io.sedet.eval.data.Detection;
import io.sedet.kernels.image.ImageKernels;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.InferenceGraph;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a detector on images of any size: each is fitted into the H×W canvas (aspect kept),
 * batched, passed through the {@link InferenceGraph}, and post-processed into
 * {@link Detection}s in the image's own pixels with 1-based category ids.
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

    /** Detections of each image; {@code ids.get(i)} becomes their image id. */
    public List<Detection> predict(List<String> ids, List<BufferedImage> images) {
        int h = graph.height();
        int w = graph.width();
        List<Detection> out = new ArrayList<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            int n = Math.min(batchSize, images.size() - start);
            float[] x = new float[n * 3 * h * w];
            double[] scales = new double[n];
            io.sedet.data.ImageSize[] sizes = new io.sedet.data.ImageSize[n];
            for (int b = 0; b < n; b++) {
                BufferedImage img = images.get(start + b);
                scales[b] = ImageTensors.fitScale(io.sedet.data.ImageSize.of(img), new io.sedet.data.ImageSize(h, w),
                        Math.min(w, h));
                sizes[b] = ImageTensors.place(imageKernels, img, scales[b], h, w, false, ImageTensors.Jitter.NONE, x, b * 3 * h * w);
                scales[b] = sizes[b].width() / (double) img.getWidth();
            }
            InferenceGraph.Output o = graph.run(x, n);
            for (int b = 0; b < n; b++) {
                for (Postprocessor.Det d : post.detections(o, b, scales[b], sizes[b])) {
                    out.add(new Detection(ids.get(start + b), d.label() + 1, new Box(d.x1(), d.y1(), d.x2(), d.y2()),
                            d.score()));
                }
            }
        }
        return out;
    }

    /** Images of a source read per call of {@link #predictEach}: bounds the decoded images held at once. */
    private static final int SOURCE_CHUNK = 32;

    /**
     * Predicts the first {@code count} images of {@code source} (all when larger), a chunk at a
     * time, and hands each sample with its detections (image ids as the source's) to {@code each},
     * in source order.
     */
    public void predictEach(io.sedet.data.DetectionSource source, int count,
                            java.util.function.BiConsumer<io.sedet.data.Sample, List<Detection>> each) {
        int n = Math.min(count, source.size());
        for (int start = 0; start < n; start += SOURCE_CHUNK) {
            List<io.sedet.data.Sample> samples = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + SOURCE_CHUNK); i++) {
                samples.add(source.get(i));
            }
            List<Detection> dets = predict(samples.stream().map(io.sedet.data.Sample::id).toList(),
                    samples.stream().map(io.sedet.data.Sample::image).toList());
            java.util.Map<String, List<Detection>> byImage = new java.util.HashMap<>();
            for (Detection d : dets) {
                byImage.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(d);
            }
            for (io.sedet.data.Sample sample : samples) {
                each.accept(sample, byImage.getOrDefault(sample.id(), List.of()));
            }
        }
    }
}
