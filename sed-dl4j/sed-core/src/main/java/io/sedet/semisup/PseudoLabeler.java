package io.sedet.semisup;

import io.sedet.anchor.AnchorSpec;
import io.sedet.config.PostprocessConfig;
import io.sedet.config.PseudoNormalizer;
import io.sedet.data.TargetEncoder;
import io.sedet.kernels.box.BoxKernels;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.InferenceGraph;
import io.sedet.predict.Postprocessor;
import io.sedet.predict.PredictedBox;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Mean teacher's hard pseudo-labels (the recipe of Unbiased Teacher that SED argues against): the
 * teacher's detections on u_w after the usual post-processing (per-class NMS 0.5), kept when their
 * score is at least the threshold (0.7), become ground truth for u_s — same geometry, so the same
 * canvas coordinates — and go through RetinaNet's matching and encoding
 * ({@link TargetEncoder}) into the {@link SupervisedLoss#PSEUDO} placeholders. Thresholding
 * before NMS keeps exactly the boxes that NMS-then-threshold keeps (a box is only suppressed by a
 * higher-scoring one). An image without pseudo-boxes is all background. The term's normaliser is
 * {@link PseudoNormalizer}'s. Diagnostic: {@code pseudo_boxes_per_image}.
 */
public final class PseudoLabeler implements TeacherTargets {
    private final Postprocessor post;
    private final TargetEncoder encoder;
    private final PseudoNormalizer normalizer;

    public PseudoLabeler(AnchorSpec anchors, int height, int width, TargetEncoder encoder, BoxKernels kernels,
                         double threshold, PseudoNormalizer normalizer) {
        PostprocessConfig base = PostprocessConfig.retinaNet();
        this.post = new Postprocessor(anchors, height, width, kernels,
                new PostprocessConfig(threshold, base.topKPerLevel(), base.nmsThreshold(), base.detectionsPerImage()));
        this.encoder = encoder;
        this.normalizer = normalizer;
    }

    @Override
    public void fill(Teacher teacher, SemiBatch in, Map<String, INDArray> inputs, Map<String, Double> stats) {
        UnlabeledBatch u = in.unlabeled();
        InferenceGraph.Output out = teacher.host(u);
        int n = encoder.numAnchors();
        int c = out.numClasses();
        float[] clsTarget = new float[u.size() * n * c];
        float[] clsWeight = new float[u.size() * n];
        float[] boxTarget = new float[u.size() * n * 4];
        float[] boxWeight = new float[u.size() * n];
        int positives = 0;
        int boxes = 0;
        for (int b = 0; b < u.size(); b++) {
            List<PredictedBox> dets = post.detections(out, b, 1.0, new io.sedet.data.ImageSize(u.imageH()[b], u.imageW()[b]));
            boxes += dets.size();
            positives += encoder.encode(PredictedBox.corners(dets), PredictedBox.labels(dets), b, clsTarget, clsWeight,
                    boxTarget, boxWeight);
        }
        SupervisedLoss.feed(inputs, SupervisedLoss.PSEUDO, u.size(), clsTarget, clsWeight, boxTarget, boxWeight,
                normalizer.of(positives, in.labeled().numPositives()));
        stats.put("pseudo_boxes_per_image", boxes / (double) u.size());
    }
}
