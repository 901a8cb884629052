package io.sedet.eval.voc;

import io.sedet.eval.data.Category;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Class-name lists: the 20 Pascal VOC classes and plain files with one name per line. */
public final class VocClasses {
    /** The 20 VOC classes in alphabetical order; category id = index + 1. */
    public static final List<String> VOC20 = List.of(
            "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
            "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
            "train", "tvmonitor");

    private VocClasses() {
    }

    /** Categories with ids 1..n in list order. */
    public static List<Category> categories(List<String> names) {
        List<Category> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Category(i + 1, names.get(i)));
        }
        return out;
    }

    /**
     * Reads a class-name list: one name per line; blank lines and lines starting with '#' are
     * skipped. Duplicates and an empty list are errors.
     */
    public static List<String> read(Path file) {
        List<String> lines = InputFiles.readLines(file, "class-list file");
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String s = lines.get(n).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (!seen.add(s)) {
                throw new InputException(file, "line " + (n + 1) + ": class '" + s + "' is listed twice");
            }
            names.add(s);
        }
        if (names.isEmpty()) {
            throw new InputException(file, "the class list is empty");
        }
        return names;
    }
}
