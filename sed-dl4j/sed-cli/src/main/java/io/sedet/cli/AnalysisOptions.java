package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.io.InputException;
import io.sedet.predict.DetectorModel;
import io.sedet.session.DataSources;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --model}, {@code --data}, {@code --images}, {@code --json} and the backend, shared by the analyze commands. */
public final class AnalysisOptions {
    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint (a teacher's, for pseudo-labels).")
    Path model;

    @Option(names = "--data", paramLabel = "D",
            description = "shapes | voc:ROOT | coco:GT.json,IMAGEDIR: its validation split (default: the model's training data).")
    String data;

    @Option(names = "--images", defaultValue = "200", paramLabel = "N",
            description = "Analyse the first N images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--json", description = "Print the numbers as one JSON object.")
    boolean json;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    /** The model, its validation source (checked to have its classes) and where to compute. */
    record Opened(DetectorModel model, DetectionSource source, Compute compute) {
    }

    Opened open(PrintWriter info) {
        if (images < 1) {
            throw new InputException("--images", "must be at least 1: " + images);
        }
        DetectorModel m = DetectorModel.load(model);
        return new Opened(m, validation(m, data, null), backendOptions.resolve(m.config().backend(), m.config().openclDevice(),
                info));
    }

    /**
     * The set a model is evaluated on: {@code imageSet} (null: the validation set) of
     * {@code data} ({@code --data}; null: the model's training data), which must have the model's
     * classes; only that set is read.
     */
    static DetectionSource validation(DetectorModel m, String data, String imageSet) {
        TrainConfig c = data == null ? m.config() : m.config().with("data", data);
        return DataSources.evaluation(c, m.classNames(), imageSet);
    }
}
