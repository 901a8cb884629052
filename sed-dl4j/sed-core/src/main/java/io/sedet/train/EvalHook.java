package io.sedet.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.data.Dataset;
import io.sedet.predict.EvalSummary;
import io.sedet.predict.Predictor;
import io.sedet.predict.SourceEvaluation;

import java.util.Locale;
import java.util.Map;

/**
 * Evaluates on the validation source every {@code evalEvery} iterations and at the end (COCO
 * metrics), with the EMA parameters when training keeps an EMA: the numbers go to the metrics log,
 * the latest evaluation's details (per-class AP, precision–recall curves) to
 * {@code OUT/eval.json} ({@link EvalSummary}) for the report.
 */
public final class EvalHook implements TrainHook {
    private final DetectionSource val;
    private final MetricsLog log;
    private Predictor predictor;
    private Dataset gt;
    private long lastEvaluated = -1;
    private CocoEvalResult last;

    private final Compute compute;
    private final Runnable releaseTrainingMemory;

    /**
     * @param releaseTrainingMemory gives back the arrays the training step keeps between
     *                              iterations ({@link TrainStep#releaseMemory}), run before each
     *                              evaluation: the evaluation's arrays then reuse that memory, and
     *                              give theirs back when it ends, so the run holds one set, not both
     */
    public EvalHook(DetectionSource val, MetricsLog log, Compute compute, Runnable releaseTrainingMemory) {
        this.val = val;
        this.compute = compute;
        this.log = log;
        this.releaseTrainingMemory = releaseTrainingMemory;
    }

    /** The latest result, or null. */
    public CocoEvalResult last() {
        return last;
    }

    @Override
    public void beforeTrain(TrainState state) {
        TrainConfig c = state.config();
        predictor = new Predictor(state.spec(), state.evaluatedParams(), c.input().height(), c.input().width(),
                c.evaluation(), c.batchSize(), compute);
        gt = SourceEvaluation.groundTruth(val, false);
    }

    @Override
    public void afterStep(TrainState state, StepRecord step) throws Exception {
        if (state.iteration() % state.config().evalEvery() == 0) {
            evaluate(state);
        }
    }

    @Override
    public void afterTrain(TrainState state) throws Exception {
        if (lastEvaluated != state.iteration() && state.iteration() >= state.config().iterations()) {
            evaluate(state);
        }
        releaseTrainingMemory.run();   // whatever runs after training (a test evaluation) starts without them
    }

    private void evaluate(TrainState state) throws Exception {
        long t0 = System.nanoTime();
        releaseTrainingMemory.run();
        predictor.refresh();
        try {
            last = SourceEvaluation.evaluate(predictor, val, gt);
        } finally {
            predictor.releaseMemory();
        }
        lastEvaluated = state.iteration();
        ObjectNode o = TrainConfig.JSON.createObjectNode();
        o.put("iteration", state.iteration());
        o.put("eval_images", val.size());
        for (Map.Entry<String, Double> e : last.statsMap().entrySet()) {
            o.put("val_" + e.getKey(), e.getValue());
        }
        o.put("eval_s", (System.nanoTime() - t0) / 1e9);
        log.record(o);
        EvalSummary.of(last, "val", state.iteration(), val.size()).write(state.outDir().resolve(EvalSummary.VAL_FILE));
        log.console().printf(Locale.ROOT, "[%6d] val (%d images): AP %.4f  AP50 %.4f  AP75 %.4f  APs %.4f  APm %.4f  APl %.4f  (%.0f s)%n",
                state.iteration(), val.size(), last.stats()[0], last.stats()[1], last.stats()[2], last.stats()[3],
                last.stats()[4], last.stats()[5], (System.nanoTime() - t0) / 1e9);
        log.console().flush();
    }
}
