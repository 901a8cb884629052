package io.sedet.cli;

import io.sedet.config.PostprocessConfig;
import io.sedet.io.InputException;
import picocli.CommandLine.Option;

/**
 * {@code --conf}, {@code --iou} and {@code --max-det}: post-processing overrides shared by {@code predict}
 * and {@code eval model}; each left out keeps the model's {@code evaluation} setting.
 */
public final class PostprocessOptions {
    @Option(names = "--conf", paramLabel = "P",
            description = "Keep detections scoring above P (default: the model's evaluation setting, 0.05 unless trained otherwise).")
    Double conf;

    @Option(names = "--iou", paramLabel = "T", description = "Per-class NMS IoU threshold (default: the model's, 0.5).")
    Double iou;

    @Option(names = "--max-det", paramLabel = "N", description = "Detections kept per image (default: the model's, 100).")
    Integer maxDet;

    /** The model's post-processing with the given options applied; a bad value is an {@link InputException}. */
    PostprocessConfig apply(PostprocessConfig model) {
        PostprocessConfig p = new PostprocessConfig(conf != null ? conf : model.scoreThreshold(), model.topKPerLevel(),
                iou != null ? iou : model.nmsThreshold(), maxDet != null ? maxDet : model.detectionsPerImage());
        String problem = p.problem();
        if (problem != null) {
            throw new InputException("--conf/--iou/--max-det", problem);
        }
        return p;
    }
}
