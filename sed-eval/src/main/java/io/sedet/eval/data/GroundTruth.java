package io.sedet.eval.data;

import io.sedet.eval.box.Box;

/**
 * A ground-truth object.
 *
 * @param id         annotation id (COCO's {@code id}; VOC: running number from 1)
 * @param imageId    id of its {@link ImageInfo}
 * @param categoryId id of its {@link Category}
 * @param box        absolute pixels, xyxy, continuous convention
 * @param area       COCO's {@code area} (segment area, used for the small/medium/large ranges);
 *                   the box area where the format has none
 * @param iscrowd    COCO crowd region: matches to it are ignored, never counted
 * @param difficult  VOC {@code difficult}: neither a true nor a false positive in VOC evaluation
 */
public record GroundTruth(long id, String imageId, int categoryId, Box box, double area,
                          boolean iscrowd, boolean difficult) {
}
