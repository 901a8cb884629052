package io.sedet.data;

import java.util.List;

/** Two sources one after the other (the unlabeled part of a split, then a folder of extra images). */
public final class ConcatSource implements DetectionSource {
    private final DetectionSource first;
    private final DetectionSource second;

    public ConcatSource(DetectionSource first, DetectionSource second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public List<String> classNames() {
        return first.classNames();
    }

    @Override
    public int size() {
        return first.size() + second.size();
    }

    @Override
    public String id(int index) {
        return index < first.size() ? first.id(index) : second.id(index - first.size());
    }

    @Override
    public Sample get(int index) {
        return index < first.size() ? first.get(index) : second.get(index - first.size());
    }

    @Override
    public int categoryId(int label) {
        return first.categoryId(label);
    }
}
