/**
 * {@link io.sedet.eval.bench.CocoEvalBench}: times COCO evaluation of a ground-truth/results pair
 * (a benchmark harness, not a test; pycocotools' time beside it comes from {@code sed-eval/bench}).
 */
package io.sedet.eval.bench;
