package io.sedet.data;

import java.util.List;

/** A finite, indexable set of images with objects; {@link #get} is deterministic. */
public interface DetectionSource {
    /** Class names; label k is {@code classNames().get(k)}. */
    List<String> classNames();

    int size();

    /** Image id of sample i, without loading it. */
    String id(int index);

    Sample get(int index);

    /** The dataset's category id of label k (1-based index by default; COCO keeps its sparse ids). */
    default int categoryId(int label) {
        return label + 1;
    }
}
