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
}
