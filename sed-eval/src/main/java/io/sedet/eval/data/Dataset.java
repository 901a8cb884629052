package io.sedet.eval.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Images, categories and ground truth of one detection dataset, in a fixed image order.
 *
 * <p>The image order is the evaluation order (pycocotools sorts image ids; so do the readers
 * here) and decides how equal scores on different images are ranked. Categories are kept sorted
 * by id. Ground truth of an image keeps file order, which decides ties in COCO matching.
 */
public final class Dataset {
    private final List<ImageInfo> images;
    private final List<Category> categories;
    private final List<GroundTruth> annotations;
    private final boolean numericImageIds;
    private final Path imageRoot;
    private final Map<String, Integer> imageIndex = new HashMap<>();
    private final Map<Integer, Integer> categoryIndex = new HashMap<>();
    private final Map<String, List<GroundTruth>> byImage = new HashMap<>();

    /**
     * @param numericImageIds true for COCO (ids written as JSON numbers), false for VOC (strings)
     * @param imageRoot       folder the images' file names are relative to; may be null
     */
    public Dataset(List<ImageInfo> images, List<Category> categories, List<GroundTruth> annotations,
                   boolean numericImageIds, Path imageRoot) {
        this.images = List.copyOf(images);
        List<Category> cats = new ArrayList<>(categories);
        cats.sort((a, b) -> Integer.compare(a.id(), b.id()));
        this.categories = List.copyOf(cats);
        this.annotations = List.copyOf(annotations);
        this.numericImageIds = numericImageIds;
        this.imageRoot = imageRoot;
        for (int i = 0; i < this.images.size(); i++) {
            if (imageIndex.put(this.images.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate image id " + this.images.get(i).id());
            }
        }
        for (int k = 0; k < this.categories.size(); k++) {
            if (categoryIndex.put(this.categories.get(k).id(), k) != null) {
                throw new IllegalArgumentException("duplicate category id " + this.categories.get(k).id());
            }
        }
        for (GroundTruth g : this.annotations) {
            byImage.computeIfAbsent(g.imageId(), x -> new ArrayList<>()).add(g);
        }
    }

    public List<ImageInfo> images() {
        return images;
    }

    /** Categories sorted by id. */
    public List<Category> categories() {
        return categories;
    }

    public List<GroundTruth> annotations() {
        return annotations;
    }

    public boolean numericImageIds() {
        return numericImageIds;
    }

    /** Folder the images' file names are relative to, or null. */
    public Path imageRoot() {
        return imageRoot;
    }

    /** Position of the image in {@link #images()}, or -1. */
    public int imageIndex(String imageId) {
        return imageIndex.getOrDefault(imageId, -1);
    }

    /** Position of the category in {@link #categories()}, or -1. */
    public int categoryIndex(int categoryId) {
        return categoryIndex.getOrDefault(categoryId, -1);
    }

    /** Ground truth of one image in file order; empty when it has none. */
    public List<GroundTruth> annotationsOf(String imageId) {
        return byImage.getOrDefault(imageId, Collections.emptyList());
    }
}
