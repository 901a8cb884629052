package io.sedet.semisup;

/**
 * The views of the unlabeled images of one step (U images, an H×W canvas, normalised, planar):
 *
 * @param iteration the iteration it was made for
 * @param size      U
 * @param weak      u_w {@code [U, 3, H, W]}: the teacher's input (resize, flip)
 * @param strong    u_s {@code [U, 3, H, W]}: u_w plus photometric strong augmentation, same geometry
 * @param half      u_s↓ {@code [U, 3, H/2, W/2]}: u_s resized by exactly 0.5 (antialiased)
 * @param imageW    width of each resized image inside the canvas (the rest is padding)
 * @param imageH    height of each resized image inside the canvas
 */
public record UnlabeledBatch(long iteration, int size, int height, int width, float[] weak, float[] strong,
                             float[] half, int[] imageW, int[] imageH) {
}
