/**
 * RetinaNet anchors: {@link io.sedet.anchor.AnchorSpec} (base size {@code sizeFactor·2^l} on FPN level l,
 * A = scales × ratios per location) and {@link io.sedet.anchor.AnchorGenerator} (the anchors of an H×W
 * input as {@code float[N*4]} xyxy, N = Σ_l H_l·W_l·A, in the order of the dense outputs: level, row,
 * column, anchor).
 */
package io.sedet.anchor;
