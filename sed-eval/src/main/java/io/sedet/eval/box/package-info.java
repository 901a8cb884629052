/**
 * Box geometry shared by every module. Boxes are corners {@code (x1, y1, x2, y2)} in absolute,
 * continuous pixels (a box over pixels 0..9 has x1 = 0, x2 = 10): {@link io.sedet.eval.box.Box} one box,
 * {@link io.sedet.eval.box.Boxes} N boxes as {@code float[N*4]} (the kernels' and the detector's layout),
 * {@link io.sedet.eval.box.BoxMath} stateless geometry (area, IoU = |A∩B| / |A∪B|), and
 * {@link io.sedet.eval.box.Nms} greedy NMS with torchvision's semantics (drop when IoU &gt; threshold).
 */
package io.sedet.eval.box;
