/**
 * COCO bounding-box evaluation equal to pycocotools' {@code COCOeval}: {@link io.sedet.eval.coco.CocoEvaluator}
 * (evaluate: per image × category × area matching, {@link io.sedet.eval.coco.ImageEval}; accumulate:
 * precision {@code [T, R, K, A, M]} and recall {@code [T, K, A, M]} with T = 10 IoU thresholds, R = 101
 * recall points, K categories, A = 4 area ranges ({@link io.sedet.eval.coco.AreaRange}), M = 3 maxDets;
 * summarize: the 12 stats), {@link io.sedet.eval.coco.CocoEvalParams} (pycocotools' defaults),
 * {@link io.sedet.eval.coco.CocoEvalResult}, {@link io.sedet.eval.coco.CocoJson} (instances and results
 * files) and {@link io.sedet.eval.coco.StableSort} (numpy's mergesort argsort).
 */
package io.sedet.eval.coco;
