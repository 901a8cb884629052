package io.sedet.eval.data;

import io.sedet.eval.box.Box;

/**
 * A predicted object.
 *
 * @param imageId    id of the image it was predicted on
 * @param categoryId predicted category id
 * @param box        absolute pixels, xyxy, continuous convention
 * @param score      confidence; higher is more confident
 */
public record Detection(String imageId, int categoryId, Box box, double score) {
}
