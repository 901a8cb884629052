package io.sedet.eval.data;

/**
 * An object class. COCO keeps its sparse ids (1..90); VOC uses the 1-based index in its class list.
 */
public record Category(int id, String name) {
}
