package io.sedet.predict;

import io.sedet.eval.box.Box;

/**
 * One detected object, the type every detection inside the library has: corners in the original
 * image's pixels (x to the right, y down, {@code x1 < x2}, {@code y1 < y2}), the class probability
 * and the 0-based class index into the model's class names. Dataset image ids and category ids are
 * attached only at the COCO/VOC boundary ({@link SourceEvaluation#inDatasetTerms}).
 */
public record PredictedBox(float x1, float y1, float x2, float y2, float score, int label) {

    /** The corners as sed-eval's box. */
    public Box box() {
        return new Box(x1, y1, x2, y2);
    }
}
