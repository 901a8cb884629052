package io.sedet.session;

import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.FileDatasetSource;
import io.sedet.data.ShapesDataset;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import io.sedet.io.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens the training and validation sources named by {@code TrainConfig.data}:
 * {@code shapes} (built-in), {@code voc:ROOT} (sets from {@code voc.trainSet}/{@code voc.valSet}),
 * {@code coco:GT.json,IMAGEDIR} (or {@code coco:TRAIN.json,TRAINDIR;VAL.json,VALDIR}; with one
 * pair, validation uses the training images).
 */
public final class DataSources {
    /**
     * Training and validation sources.
     *
     * @param notes what the user should know about them (skipped objects, validation on the
     *              training images), one line each
     */
    public record Pair(DetectionSource train, DetectionSource val, List<String> notes) {
        public Pair(DetectionSource train, DetectionSource val) {
            this(train, val, List.of());
        }
    }

    private DataSources() {
    }

    /** The prefix of {@link TrainConfig#data()} for sources a Java program gave ({@code io.sedet.api.Training}). */
    public static final String JAVA = "java:";

    public static Pair open(TrainConfig c) {
        String data = c.data();
        if (data.startsWith(JAVA)) {
            throw new InputException("data", "this run trained on sources a Java program gave (" + data.substring(JAVA.length())
                    + "); they cannot be reopened from the config: use Training.resume with the same sources, "
                    + "and another data source (data) for evaluation");
        }
        if (data.equals("shapes")) {
            TrainConfig.Shapes s = c.shapes();
            return new Pair(new ShapesDataset(c.seed(), ShapesDataset.Split.TRAIN, s.train(), s.imageSize()),
                    new ShapesDataset(c.seed(), ShapesDataset.Split.VAL, s.val(), s.imageSize()));
        }
        if (data.startsWith("voc:")) {
            Path root = Path.of(data.substring(4));
            TrainConfig.Voc v = c.voc();
            List<String> classes = vocClasses(root, v);
            VocDevkit.UnknownClass unknown = unknownClass(v);
            List<String> notes = new ArrayList<>();
            if (v.skipUnknown()) {
                for (String set : new LinkedHashSet<>(List.of(v.trainSet(), v.valSet()))) {
                    Map<String, Integer> skipped = new TreeMap<>(VocDevkit.objectsPerClass(root, set));
                    skipped.keySet().removeAll(classes);
                    if (!skipped.isEmpty()) {
                        notes.add("data: " + set + ": skipped " + skipped.values().stream().mapToInt(Integer::intValue).sum()
                                + " objects of classes not in the list " + skipped);
                    }
                }
            }
            Dataset train = VocDevkit.read(root, v.trainSet(), classes, unknown, true);
            Dataset val = VocDevkit.read(root, v.valSet(), classes, unknown, true);
            return new Pair(new FileDatasetSource(train), new FileDatasetSource(val), notes);
        }
        if (data.startsWith("coco:")) {
            String[] parts = data.substring(5).split(";");
            Dataset train = coco(parts[0], data);
            Dataset val = parts.length > 1 ? coco(parts[1], data) : train;
            List<String> notes = new ArrayList<>();
            if (parts.length < 2 || sameFile(parts[0], parts[1])) {
                notes.add("warning: validation uses the training annotations (" + parts[0].split(",")[0]
                        + "): its AP measures fit, not generalisation; give coco:TRAIN_GT,TRAIN_DIR;VAL_GT,VAL_DIR");
            }
            return new Pair(new FileDatasetSource(train), new FileDatasetSource(val), notes);
        }
        throw new InputException("data", "must be 'shapes', 'voc:ROOT' or 'coco:GT.json,IMAGEDIR', got '" + data + "'");
    }

    /**
     * The one set a model is evaluated on, read alone (a CI subset may ship nothing else): for
     * {@code voc:ROOT}, {@code ImageSets/Main/<imageSet>.txt} ({@code voc.valSet} when null) read
     * with {@code classes}; for {@code coco:}, the validation pair (the only pair when there is
     * one), which is its own image set; for {@code shapes}, the {@code val} (default) or
     * {@code test} split.
     *
     * @param classes  the model's class names, in label order; a VOC set is read with them, a
     *                 COCO file must have them
     * @param imageSet the image set's name, or null for the config's validation set
     */
    public static DetectionSource evaluation(TrainConfig c, List<String> classes, String imageSet) {
        String data = c.data();
        DetectionSource source;
        if (data.startsWith("voc:")) {
            TrainConfig.Voc v = c.voc();
            source = new FileDatasetSource(VocDevkit.read(Path.of(data.substring(4)), imageSet == null ? v.valSet() : imageSet,
                    classes, unknownClass(v), true));
        } else if (data.startsWith("coco:")) {
            if (imageSet != null) {
                throw new InputException("image set", "'" + imageSet + "' names a VOC image set or a shapes split; a coco: "
                        + "source is the set its annotation file lists");
            }
            String[] parts = data.substring(5).split(";");
            source = new FileDatasetSource(coco(parts[parts.length > 1 ? 1 : 0], data));
        } else if (data.equals("shapes")) {
            TrainConfig.Shapes s = c.shapes();
            String split = imageSet == null ? "val" : imageSet;
            source = switch (split) {
                case "val" -> new ShapesDataset(c.seed(), ShapesDataset.Split.VAL, s.val(), s.imageSize());
                case "test" -> new ShapesDataset(c.seed(), ShapesDataset.Split.TEST, s.test(), s.imageSize());
                default -> throw new InputException("image set", "the shapes data has the image sets val and test, not '"
                        + split + "'");
            };
        } else {
            return open(c).val(); // refuses what it cannot open, with its message
        }
        if (!source.classNames().equals(classes)) {
            throw new InputException("data", "the model knows classes " + classes + ", the data has " + source.classNames());
        }
        return source;
    }

    /** What reading a VOC set does with an object of a class outside the list ({@link TrainConfig.Voc#skipUnknown}). */
    private static VocDevkit.UnknownClass unknownClass(TrainConfig.Voc v) {
        return v.skipUnknown() ? VocDevkit.UnknownClass.SKIP : VocDevkit.UnknownClass.FAIL;
    }

    /** The class list of a VOC-format dataset ({@link TrainConfig.Voc#classes}). */
    static List<String> vocClasses(Path root, TrainConfig.Voc v) {
        if (v.classes() == null) {
            return VocClasses.VOC20;
        }
        if (v.classes().equals("auto")) {
            return VocDevkit.classesOf(root, v.trainSet());
        }
        return VocClasses.read(Path.of(v.classes()));
    }

    private static boolean sameFile(String a, String b) {
        Path ga = Path.of(a.split(",")[0]).toAbsolutePath().normalize();
        Path gb = Path.of(b.split(",")[0]).toAbsolutePath().normalize();
        return ga.equals(gb);
    }

    private static Dataset coco(String pair, String data) {
        String[] gi = pair.split(",");
        if (gi.length != 2) {
            throw new InputException("data", "coco data must be 'coco:GT.json,IMAGEDIR', got '" + data + "'");
        }
        return CocoJson.readInstances(Path.of(gi[0]), Path.of(gi[1]));
    }
}
