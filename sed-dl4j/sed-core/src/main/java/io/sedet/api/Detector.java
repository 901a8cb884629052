package io.sedet.api;

import io.sedet.backend.Backend;
import io.sedet.backend.Backends;
import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.PredictedBox;
import io.sedet.predict.Predictor;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trained detector for Java code: load a {@code model.sedet} (or a training checkpoint, whose
 * teacher or EMA parameters it takes) and detect objects in images.
 *
 * <pre>{@code
 * Detector detector = Detector.load(Path.of("runs/voc/model.sedet"));
 * for (DetectedObject o : detector.detect(ImageIO.read(new File("street.jpg")))) {
 *     System.out.println(o.className() + " " + o.score());
 * }
 * }</pre>
 *
 * Post-processing is the model's evaluation setting (RetinaNet's unless it was trained otherwise:
 * score above 0.05, the top 1,000 per level, per-class NMS at IoU 0.5, at most 100 objects per
 * image), or what {@link #load(Path, Backend, PostprocessConfig, Consumer)} gives;
 * {@link #detect(BufferedImage, double)} keeps only objects at or above a score. A detector holds
 * native memory: {@link #close()} it (try-with-resources) when done. Not safe for concurrent use:
 * one detector per thread.
 */
public final class Detector implements AutoCloseable {
    private final DetectorModel model;
    private final Predictor predictor;
    private final PostprocessConfig post;
    private boolean closed;

    private Detector(DetectorModel model, Predictor predictor, PostprocessConfig post) {
        this.model = model;
        this.predictor = predictor;
        this.post = post;
    }

    /** Loads a model; graphs run on ND4J's backend of the class path, kernels on plain Java. */
    public static Detector load(Path file) {
        return load(file, Backend.CPU, null, msg -> { });
    }

    /**
     * Loads a model to run on {@code backend} ({@link Backend#AUTO} takes a GPU where one is
     * available); {@code warnings} receives what could not be used.
     *
     * @throws io.sedet.io.InputException a file that is not a model, named in the message
     * @throws Backends.UnavailableException     a backend that this machine or build does not have
     */
    public static Detector load(Path file, Backend backend, Consumer<String> warnings) {
        return load(file, backend, null, warnings);
    }

    /**
     * As {@link #load(Path, Backend, Consumer)} with post-processing of its own: score threshold,
     * candidates per level, NMS IoU and objects per image ({@code PostprocessConfig}); null takes
     * the model's evaluation setting.
     *
     * @throws io.sedet.io.InputException a value out of range, naming it
     */
    public static Detector load(Path file, Backend backend, PostprocessConfig post, Consumer<String> warnings) {
        DetectorModel m = DetectorModel.load(file);
        PostprocessConfig p = post != null ? post : m.config().evaluation();
        String problem = p.problem();
        if (problem != null) {
            throw new io.sedet.io.InputException("post-processing", problem);
        }
        Compute compute = Backends.select(backend, null, warnings);
        return new Detector(m, m.predictor(p, 4, compute), p);
    }

    /** The post-processing this detector applies. */
    public PostprocessConfig postprocess() {
        return post;
    }

    /**
     * Gives back the native memory of the graph and the parameters; the detector cannot detect
     * afterwards. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        predictor.releaseMemory();
        model.params().trainable().values().forEach(org.nd4j.linalg.api.ndarray.INDArray::close);
        model.params().running().values().forEach(org.nd4j.linalg.api.ndarray.INDArray::close);
    }

    /** Class names; {@link DetectedObject#classIndex()} indexes this list. */
    public List<String> classNames() {
        return model.classNames();
    }

    /** Every object found (above the post-processing's score threshold, after NMS), highest scores first. */
    public List<DetectedObject> detect(BufferedImage image) {
        return detect(image, 0.0);
    }

    /** The objects scoring at least {@code minScore}, highest first. */
    public List<DetectedObject> detect(BufferedImage image, double minScore) {
        return detect(List.of(image), minScore).get(0);
    }

    /** Per image, the objects scoring at least {@code minScore}, highest first. */
    public List<List<DetectedObject>> detect(List<BufferedImage> images, double minScore) {
        if (closed) {
            throw new IllegalStateException("this detector is closed");
        }
        List<List<DetectedObject>> out = new ArrayList<>(images.size());
        for (List<PredictedBox> image : predictor.predict(images)) {
            List<DetectedObject> objects = new ArrayList<>();
            for (PredictedBox d : image) {
                if (d.score() >= minScore) {
                    objects.add(new DetectedObject(model.classNames().get(d.label()), d.label(), d.score(),
                            d.x1(), d.y1(), d.x2(), d.y2()));
                }
            }
            objects.sort((a, b) -> Double.compare(b.score(), a.score()));
            out.add(List.copyOf(objects));
        }
        return List.copyOf(out);
    }
}
