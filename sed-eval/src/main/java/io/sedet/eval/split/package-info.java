/**
 * {@link io.sedet.eval.split.SemiSupervisedSplit}: a labeled/unlabeled partition of a dataset's images,
 * drawn from a seed (a fraction or a count) or read from a split file of image ids.
 */
package io.sedet.eval.split;
