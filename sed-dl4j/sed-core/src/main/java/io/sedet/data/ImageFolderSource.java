package io.sedet.data;

import io.sedet.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Unannotated images of a folder (its image files, sorted by name; not recursive), as samples
 * without objects: the unlabeled data of {@code --unlabeled DIR}, image ids the file names; or
 * given files with ids of their own.
 */
public final class ImageFolderSource implements DetectionSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");
    private final List<Path> files;
    private final List<String> ids;
    private final List<String> classNames;

    public ImageFolderSource(Path dir, List<String> classNames) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir, "no such folder of unlabeled images");
        }
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException(dir, "the folder has no images (" + String.join(", ", EXTENSIONS) + ")");
        }
        this.ids = files.stream().map(f -> f.getFileName().toString()).toList();
        this.classNames = List.copyOf(classNames);
    }

    /** Given image files with their ids (one each, unique), e.g. {@code predict}'s inputs. */
    public ImageFolderSource(List<Path> files, List<String> ids, List<String> classNames) {
        if (files.size() != ids.size() || new java.util.HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("one unique id per file");
        }
        this.files = List.copyOf(files);
        this.ids = List.copyOf(ids);
        this.classNames = List.copyOf(classNames);
    }

    /** The image files, in source order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public String id(int index) {
        return ids.get(index);
    }

    @Override
    public Sample get(int index) {
        return new Sample(id(index), ImageDecoder.read(files.get(index)), new float[0], new int[0]);
    }
}
