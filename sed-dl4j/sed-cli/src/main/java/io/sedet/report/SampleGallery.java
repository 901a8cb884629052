package io.sedet.report;

import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.DetectionSource;
import io.sedet.predict.DetectionDrawing;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.PredictedBox;
import io.sedet.predict.Predictor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A model's detections drawn on the first images of a source, ground truth beneath (dashed): the
 * report's sample grid. Every run of a report is drawn on the same images.
 */
public final class SampleGallery {
    /**
     * One drawn image.
     *
     * @param detections detections at or above the drawing threshold
     * @param truth      ground-truth boxes
     * @param png        the drawing, PNG-encoded
     */
    public record Panel(String imageId, int detections, int truth, byte[] png) {
    }

    private SampleGallery() {
    }

    /**
     * @param count    images to draw (the source's first ones)
     * @param minScore draw detections scoring at least this
     */
    public static List<Panel> draw(DetectorModel model, DetectionSource source, int count, double minScore,
                                   Compute compute) {
        Predictor predictor = model.predictor(PostprocessConfig.retinaNet(), 4, compute);
        List<Panel> panels = new ArrayList<>();
        predictor.predictEach(source, count, (s, dets) -> {
            List<PredictedBox> mine = dets.stream().filter(d -> d.score() >= minScore).toList();
            BufferedImage drawn = DetectionDrawing.drawWithTruth(s.image(), s.boxes(), mine, model.classNames(), minScore);
            panels.add(new Panel(s.id(), mine.size(), s.numObjects(), png(drawn)));
        });
        return panels;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
