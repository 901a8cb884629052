package io.sedet.analysis;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.ImageTensors;
import io.sedet.data.Sample;
import io.sedet.io.InputException;
import io.sedet.model.InferenceGraph;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.PredictedBox;
import io.sedet.predict.Predictor;
import io.sedet.semisup.LevelPairing;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trained model over the first images of a source for the two diagnostics:
 * {@link ScaleConsistency} (each image on the model's canvas and its 0.5× resize, the antialiased
 * filter SED's u_s↓ uses) and {@link PseudoLabelQuality} (the model's detections after NMS, as a
 * teacher's pseudo-labels; a checkpoint with a teacher or EMA gives those parameters).
 */
public final class ModelAnalysis {
    private static final int BATCH = 4;

    private ModelAnalysis() {
    }

    /**
     * @param maxImages the source's first images (all when larger than the source)
     * @param bins      equal-width distance bins over [0, 1]
     */
    public static ScaleConsistency.Result scale(DetectorModel model, DetectionSource source, int maxImages, int bins,
                                                Compute compute) {
        int h = model.config().input().height();
        int w = model.config().input().width();
        var anchorSpec = model.spec().anchors();
        int halfMax = LevelPairing.halfMaxLevel(anchorSpec);
        if (h % (2 << halfMax) != 0 || w % (2 << halfMax) != 0) {
            throw new InputException("input", "the canvas " + w + "x" + h + " has no half view whose P" + halfMax
                    + " matches the full view's P" + anchorSpec.maxLevel() + " (sides must be multiples of " + (2 << halfMax) + ")");
        }
        InferenceGraph full = new InferenceGraph(model.spec(), model.params(), h, w);
        InferenceGraph half = new InferenceGraph(model.spec(), model.params(), h / 2, w / 2, halfMax);
        LevelPairing pairing = LevelPairing.scaleEquivalent(anchorSpec, h, w);
        float[] anchors = new AnchorGenerator(anchorSpec).all(h, w);
        ScaleConsistency out = new ScaleConsistency(bins);
        int n = Math.min(maxImages, source.size());
        int plane = 3 * h * w;
        int halfPlane = 3 * (h / 2) * (w / 2);
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            float[] x = new float[count * plane];
            float[] xs = new float[count * halfPlane];
            List<float[]> truth = new ArrayList<>();
            for (int b = 0; b < count; b++) {
                Sample s = source.get(start + b);
                BufferedImage img = s.image();
                double scale = ImageTensors.fitScale(io.sedet.data.ImageSize.of(img), new io.sedet.data.ImageSize(h, w),
                        Math.min(w, h));
                io.sedet.data.ImageSize size = ImageTensors.place(compute.images(), img, scale, h, w, false,
                        ImageTensors.Jitter.NONE, x, b * plane);
                scale = size.width() / (double) img.getWidth();
                float[] one = new float[plane];
                System.arraycopy(x, b * plane, one, 0, plane);
                System.arraycopy(compute.images().resize(one, 3, h, w, h / 2, w / 2), 0, xs, b * halfPlane, halfPlane);
                float[] t = s.boxes().clone();
                for (int i = 0; i < t.length; i++) {
                    t[i] *= (float) scale;
                }
                truth.add(t);
            }
            InferenceGraph.Output of = full.run(x, count);
            InferenceGraph.Output oh = half.run(xs, count);
            int c = of.numClasses();
            for (int b = 0; b < count; b++) {
                float[] pf = slice(of.scores(), b, of.numAnchors() * c);
                float[] ph = slice(oh.scores(), b, oh.numAnchors() * c);
                out.add(pf, ph, c, pairing, anchors, truth.get(b));
            }
        }
        return out.result();
    }

    /** Recall and precision of the model's thresholded detections, per threshold and IoU level. */
    public static List<PseudoLabelQuality.Row> pseudoLabels(DetectorModel model, DetectionSource source, int maxImages,
                                                           double[] thresholds, Compute compute) {
        Predictor predictor = model.predictor(PostprocessConfig.retinaNet(), BATCH, compute);
        List<PseudoLabelQuality.Image> images = new ArrayList<>();
        predictor.predictEach(source, maxImages, (s, mine) -> {
            float[] scores = new float[mine.size()];
            for (int i = 0; i < mine.size(); i++) {
                scores[i] = mine.get(i).score();
            }
            images.add(new PseudoLabelQuality.Image(s.boxes(), s.labels(), PredictedBox.corners(mine),
                    PredictedBox.labels(mine), scores));
        });
        return PseudoLabelQuality.measure(images, thresholds, PseudoLabelQuality.IOU_LEVELS);
    }

    private static float[] slice(float[] all, int b, int len) {
        float[] out = new float[len];
        System.arraycopy(all, b * len, out, 0, len);
        return out;
    }
}
