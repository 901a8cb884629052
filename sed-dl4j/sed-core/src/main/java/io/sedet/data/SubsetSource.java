package io.sedet.data;

import java.util.List;

/** The images of another source at the given indices, in that order (a labeled or unlabeled split). */
public final class SubsetSource implements DetectionSource {
    private final DetectionSource source;
    private final int[] indices;

    public SubsetSource(DetectionSource source, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IndexOutOfBoundsException("index " + i + " outside a source of " + source.size());
            }
        }
        this.source = source;
        this.indices = indices.clone();
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public String id(int index) {
        return source.id(indices[index]);
    }

    @Override
    public Sample get(int index) {
        return source.get(indices[index]);
    }

    @Override
    public int categoryId(int label) {
        return source.categoryId(label);
    }
}
