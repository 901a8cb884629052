package io.sedet.predict;

import io.sedet.data.DetectionSource;
import io.sedet.data.Sample;
import io.sedet.eval.box.Box;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of a detector on a {@link DetectionSource}: its detections in the dataset's terms, and
 * their COCO matching. A VOC/COCO source is evaluated
 * against its own annotations (crowd regions, segment areas, difficult objects as read); the
 * synthetic source against its boxes.
 */
public final class SourceEvaluation {
    private SourceEvaluation() {
    }

    /** The source as a sed-eval dataset (a file dataset as read; otherwise areas are box areas). */
    public static Dataset groundTruth(DetectionSource source, boolean numericIds) {
        if (source instanceof io.sedet.data.FileDatasetSource f) {
            return f.dataset();
        }
        List<ImageInfo> images = new ArrayList<>();
        List<GroundTruth> anns = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < source.size(); i++) {
            Sample s = source.get(i);
            images.add(new ImageInfo(s.id(), s.id(), s.image().getWidth(), s.image().getHeight()));
            float[] b = s.boxes();
            for (int k = 0; k < s.numObjects(); k++) {
                Box box = new Box(b[4 * k], b[4 * k + 1], b[4 * k + 2], b[4 * k + 3]);
                anns.add(new GroundTruth(id++, s.id(), source.categoryId(s.labels()[k]), box, box.area(), false, false));
            }
        }
        List<Category> cats = new ArrayList<>();
        for (int k = 0; k < source.classNames().size(); k++) {
            cats.add(new Category(source.categoryId(k), source.classNames().get(k)));
        }
        return new Dataset(images, cats, anns, numericIds, null);
    }

    /** Predicts every image of the source and evaluates against its ground truth. */
    public static CocoEvalResult evaluate(Predictor predictor, DetectionSource source, Dataset gt) {
        return matches(predictor, source, gt).accumulate();
    }

    /**
     * Predicts every image of the source and matches the detections to its ground truth (COCO
     * phase 1), for accumulating over all images or a resample of them.
     */
    public static CocoEvaluator matches(Predictor predictor, DetectionSource source, Dataset gt) {
        CocoEvaluator e = new CocoEvaluator(gt, detections(predictor, source));
        e.evaluate();
        return e;
    }

    /** The detections of every image of the source, in the dataset's terms (its image and category ids). */
    public static List<Detection> detections(Predictor predictor, DetectionSource source) {
        List<Detection> dets = new ArrayList<>();
        predictor.predictEach(source, source.size(), (sample, mine) -> {
            for (PredictedBox d : mine) {
                dets.add(inDatasetTerms(sample.id(), d, source));
            }
        });
        return dets;
    }

    /**
     * A detection of image {@code imageId} in the dataset's terms: the boundary where the 0-based
     * class becomes the source's category id (COCO's sparse ids, 1..C otherwise).
     */
    public static Detection inDatasetTerms(String imageId, PredictedBox d, DetectionSource source) {
        return new Detection(imageId, source.categoryId(d.label()), d.box(), d.score());
    }
}
