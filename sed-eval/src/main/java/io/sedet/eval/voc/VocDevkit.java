package io.sedet.eval.voc;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dataset in the VOCdevkit layout: {@code Annotations/<id>.xml}, {@code JPEGImages/<id>.jpg},
 * {@code ImageSets/Main/<set>.txt}. The root is the folder holding those three (e.g.
 * {@code VOCdevkit/VOC2012}); a {@code VOCdevkit} folder with exactly one {@code VOC*} child is
 * accepted too.
 *
 * <p>Boxes are converted once, here, from the devkit's 1-based inclusive pixels to the
 * continuous convention: {@code x1 = xmin - 1, y1 = ymin - 1, x2 = xmax, y2 = ymax}
 * ({@link #toDevkit} is the inverse). Image ids are strings, in set-file order sorted
 * lexicographically; category ids are 1-based indices into the class list.
 */
public final class VocDevkit {
    /** What to do with objects whose class is not in the class list. */
    public enum UnknownClass { FAIL, SKIP }

    private VocDevkit() {
    }

    /** Resolves {@code root} to the folder holding {@code Annotations/}. */
    public static Path resolveRoot(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InputException(root, "no such VOC folder");
        }
        if (Files.isDirectory(root.resolve("Annotations"))) {
            return root;
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Path> years = s.filter(p -> Files.isDirectory(p.resolve("Annotations"))).sorted().toList();
            if (years.size() == 1) {
                return years.get(0);
            }
            if (years.size() > 1) {
                throw new InputException(root, "holds several VOC folders " + years
                        + "; pass one of them as the root");
            }
        } catch (IOException e) {
            throw new InputException(root, "cannot list: " + e.getMessage(), e);
        }
        throw new InputException(root, "not a VOC folder: no Annotations/ inside");
    }

    /** The whole-dataset image sets of a {@code Main} folder (not the per-class lists), sorted; "none" when there are none. */
    private static String imageSets(Path main) {
        if (!Files.isDirectory(main)) {
            return "none: no " + main.getParent().getFileName() + "/" + main.getFileName() + " folder";
        }
        try (java.util.stream.Stream<Path> s = Files.list(main)) {
            List<String> sets = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(n -> !n.contains("_")).sorted().toList();
            return sets.isEmpty() ? "none" : String.join(", ", sets);
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** Image ids of {@code ImageSets/Main/<set>.txt}, in file order, duplicates removed. */
    public static List<String> readImageSet(Path root, String set) {
        Path main = root.resolve("ImageSets").resolve("Main");
        Path file = main.resolve(set + ".txt");
        if (!Files.isRegularFile(file)) {
            // VOC2012 has no test set, a CI subset often only test: say which sets there are
            throw new InputException(file, "no such image set '" + set + "' (this dataset has: " + imageSets(main) + ")");
        }
        List<String> lines = InputFiles.readLines(file, "image set '" + set + "'");
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty()) {
                ids.add(s.split("\\s+")[0]);
            }
        }
        if (ids.isEmpty()) {
            throw new InputException(file, "the image set is empty");
        }
        return new ArrayList<>(ids);
    }

    /**
     * Reads the images of one set with their annotations.
     *
     * @param classes      class names; category id = index + 1
     * @param unknown      fail on, or skip, objects of classes not in {@code classes}
     * @param requireImages check that every {@code JPEGImages/<id>.jpg} exists
     */
    public static Dataset read(Path root, String set, List<String> classes, UnknownClass unknown,
                               boolean requireImages) {
        Path dir = resolveRoot(root);
        List<String> ids = new ArrayList<>(readImageSet(dir, set));
        ids.sort(null);
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        List<ImageInfo> images = new ArrayList<>();
        List<GroundTruth> anns = new ArrayList<>();
        long nextId = 1;
        Path jpegs = dir.resolve("JPEGImages");
        for (String id : ids) {
            Path xml = dir.resolve("Annotations").resolve(id + ".xml");
            VocAnnotation a = VocXml.read(xml);
            String fileName = id + ".jpg";
            if (requireImages && !Files.isRegularFile(jpegs.resolve(fileName))) {
                throw new InputException(jpegs.resolve(fileName), "image of " + id + " is missing");
            }
            images.add(new ImageInfo(id, fileName, a.width(), a.height()));
            for (VocAnnotation.VocObject o : a.objects()) {
                Integer k = classIndex.get(o.name());
                if (k == null) {
                    if (unknown == UnknownClass.SKIP) {
                        continue;
                    }
                    throw new InputException(xml, "unknown class '" + o.name() + "' (known: "
                            + String.join(", ", classes) + ")");
                }
                Box box = fromDevkit(o.xmin(), o.ymin(), o.xmax(), o.ymax());
                anns.add(new GroundTruth(nextId++, id, k + 1, box, box.area(), false, o.difficult()));
            }
        }
        List<Category> cats = VocClasses.categories(classes);
        return new Dataset(images, cats, anns, false, jpegs);
    }

    /** The class names of the objects annotated in the images of one set, sorted (a dataset's own classes). */
    public static List<String> classesOf(Path root, String set) {
        return new ArrayList<>(objectsPerClass(root, set).keySet());
    }

    /** How many objects of each class name the images of one set annotate, by name in sorted order. */
    public static java.util.SortedMap<String, Integer> objectsPerClass(Path root, String set) {
        Path dir = resolveRoot(root);
        java.util.SortedMap<String, Integer> out = new java.util.TreeMap<>();
        for (String id : readImageSet(dir, set)) {
            for (VocAnnotation.VocObject o : VocXml.read(dir.resolve("Annotations").resolve(id + ".xml")).objects()) {
                out.merge(o.name(), 1, Integer::sum);
            }
        }
        if (out.isEmpty()) {
            throw new InputException(dir.resolve("ImageSets/Main/" + set + ".txt"), "its images annotate no object");
        }
        return out;
    }

    /** Devkit 1-based inclusive pixels to the continuous convention. */
    public static Box fromDevkit(double xmin, double ymin, double xmax, double ymax) {
        return new Box(xmin - 1, ymin - 1, xmax, ymax);
    }

    /** Continuous box to devkit {@code [xmin, ymin, xmax, ymax]} (1-based inclusive). */
    public static double[] toDevkit(Box b) {
        return new double[] {b.x1() + 1, b.y1() + 1, b.x2(), b.y2()};
    }
}
