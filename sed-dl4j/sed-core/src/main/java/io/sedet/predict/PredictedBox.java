package io.sedet.predict;

import io.sedet.eval.box.Box;

import java.util.List;

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

    /** The corners of {@code boxes} as one array {@code [n*4]}, x1 y1 x2 y2 per box, in list order. */
    public static float[] corners(List<PredictedBox> boxes) {
        float[] xyxy = new float[4 * boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            PredictedBox d = boxes.get(i);
            xyxy[4 * i] = d.x1();
            xyxy[4 * i + 1] = d.y1();
            xyxy[4 * i + 2] = d.x2();
            xyxy[4 * i + 3] = d.y2();
        }
        return xyxy;
    }

    /** The 0-based classes of {@code boxes} {@code [n]}, in list order. */
    public static int[] labels(List<PredictedBox> boxes) {
        return boxes.stream().mapToInt(PredictedBox::label).toArray();
    }
}
