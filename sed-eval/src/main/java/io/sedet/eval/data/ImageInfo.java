package io.sedet.eval.data;

/**
 * One image of a dataset.
 *
 * @param id       the dataset's image id as text: a COCO integer id ("397133") or a VOC id
 *                 ("2007_000027")
 * @param fileName path of the image relative to the dataset's image folder
 * @param width    width in pixels, 0 when unknown
 * @param height   height in pixels, 0 when unknown
 */
public record ImageInfo(String id, String fileName, int width, int height) {
}
