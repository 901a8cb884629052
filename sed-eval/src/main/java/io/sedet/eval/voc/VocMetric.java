package io.sedet.eval.voc;

/** How VOC average precision is integrated over the precision/recall curve. */
public enum VocMetric {
    /** VOC2007: mean of the interpolated precision at recall 0, 0.1, ..., 1 (11 points). */
    VOC07,
    /** VOC2010 and later: area under the monotone precision envelope at every recall change. */
    VOC12
}
