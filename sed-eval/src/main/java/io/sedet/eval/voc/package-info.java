/**
 * Pascal VOC: the VOCdevkit layout ({@link io.sedet.eval.voc.VocDevkit}: {@code Annotations/<id>.xml},
 * {@code JPEGImages/<id>.jpg}, {@code ImageSets/Main/<set>.txt}), one annotation file
 * ({@link io.sedet.eval.voc.VocXml}, {@link io.sedet.eval.voc.VocAnnotation}), class lists
 * ({@link io.sedet.eval.voc.VocClasses}), and the devkit's AP ({@link io.sedet.eval.voc.VocEvaluator},
 * {@link io.sedet.eval.voc.VocMetric}: VOC2007 11-point or VOC2010+ area under the curve,
 * {@link io.sedet.eval.voc.VocEvalResult}).
 */
package io.sedet.eval.voc;
