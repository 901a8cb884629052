package io.sedet.api;

import io.sedet.config.TrainConfig;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The README's Java examples, verbatim between the {@code README:} markers (ReadmeExamplesTest
 * checks that the README holds each one and runs them): if one stops compiling, the build fails.
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /** Trains SED on the built-in shapes data into {@code out} for {@code iterations} steps; returns the model. */
    static Path train(Path out, long iterations) throws Exception {
        // README:begin train
        TrainConfig config = Training.preset("shapes-small")
                .method("sed")            // or "supervised", "mean-teacher"
                .labeled("0.1")           // 10% of the training images keep their labels
                .iterations(iterations)
                .build();
        Training.Result result = Training.run(config, out, p -> {
            if (p.iteration() % 100 == 0) {
                System.out.printf("%d/%d loss %.3f%n", p.iteration(), p.total(), p.loss());
            }
        });
        System.out.println("AP50 " + result.validation().get("AP50") + ", model " + result.model());
        // README:end
        return result.model();
    }

    /** Detects objects in {@code image} with the model {@code model}. */
    static List<DetectedObject> detect(Path model, File image) throws Exception {
        // README:begin detect
        List<DetectedObject> objects;
        try (Detector detector = Detector.load(model)) {       // model.sedet or a checkpoint
            BufferedImage picture = ImageIO.read(image);
            objects = detector.detect(picture, 0.3);           // score >= 0.3
        }
        for (DetectedObject o : objects) {
            System.out.printf("%s %.2f at (%.0f, %.0f)-(%.0f, %.0f)%n",
                    o.className(), o.score(), o.x1(), o.y1(), o.x2(), o.y2());
        }
        // README:end
        return objects;
    }
}
