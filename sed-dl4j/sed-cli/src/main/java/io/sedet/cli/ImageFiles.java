package io.sedet.cli;

import io.sedet.data.ImageFolderSource;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The images {@code predict --images} names, as a source without objects ({@link ImageFolderSource}): one image, a folder's
 * images (sorted by name, not recursive), or a list file ({@code .txt}: one path per line,
 * relative to the list's folder; blank lines and {@code #} comments skipped). Image ids are the
 * file names without extension, or the whole names where two inputs share a stem; category ids
 * are 1-based indices into the model's classes.
 */
final class ImageFiles {
    private static final String IMAGE = ".*\\.(jpe?g|png|bmp|gif)$";

    private ImageFiles() {
    }

    /** The images {@code input} names as a source, ids as above, for a model of {@code classNames}. */
    static ImageFolderSource open(Path input, List<String> classNames) throws IOException {
        List<Path> files = list(input);
        return new ImageFolderSource(files, imageIds(files), classNames);
    }

    /** Whether {@code p} is a list file ({@code .txt}) rather than an image or a folder. */
    static boolean isList(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    static List<Path> list(Path p) throws IOException {
        if (isList(p)) {
            return listFile(p);
        }
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new InputException(p, "no such image file, list file or folder");
        }
        try (Stream<Path> s = Files.list(p)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(IMAGE))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new InputException(p, "holds no .jpg, .png, .bmp or .gif images");
            }
            return files;
        }
    }

    private static List<Path> listFile(Path list) {
        List<Path> files = new ArrayList<>();
        List<String> lines = InputFiles.readLines(list, "image list");
        Path base = list.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path f = base.resolve(line);
            if (!Files.isRegularFile(f)) {
                throw new InputException(list, "line " + (i + 1) + ": no such image file " + f);
            }
            files.add(f);
        }
        if (files.isEmpty()) {
            throw new InputException(list, "the image list names no image");
        }
        return files;
    }

    /**
     * One id per file, unique: the name without its extension, or the whole name where two files
     * share a stem ({@code a.jpg} and {@code a.png} become {@code a.jpg} and {@code a.png}).
     */
    static List<String> imageIds(List<Path> files) {
        Map<String, Integer> stems = new HashMap<>();
        for (Path f : files) {
            stems.merge(stem(f), 1, Integer::sum);
        }
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            String st = stem(f);
            ids.add(stems.get(st) > 1 ? f.getFileName().toString() : st);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                // a list file may name two files of one name in different folders
                throw new InputException(files.get(i), "another input has the same file name; predictions are named by it");
            }
        }
        return ids;
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
