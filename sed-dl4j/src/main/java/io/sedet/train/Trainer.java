package io.sedet.train;

import io.sedet.data.Prefetcher;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TrainBatch;
import io.sedet.model.TrainingGraph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The supervised training loop: take the next batch (prepared in the background), forward and
 * backward, check the losses are finite, update with the scheduled learning rate, run the hooks.
 * {@link #requestStop()} (Ctrl-C) ends the loop after the current step and still runs the hooks'
 * {@code afterTrain} (which saves a checkpoint).
 */
public final class Trainer {
    private final TrainingGraph graph;
    private final SupervisedBatches batches;
    private final List<TrainHook> hooks;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Trainer(TrainingGraph graph, SupervisedBatches batches, List<TrainHook> hooks) {
        this.graph = graph;
        this.batches = batches;
        this.hooks = List.copyOf(hooks);
    }

    /** Asks the loop to stop after the current step; returns at once. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run} has returned (for a shutdown hook), at most {@code millis}. */
    public void awaitFinished(long millis) throws InterruptedException {
        finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean stopped() {
        return stopRequested;
    }

    /** Trains from {@code state.iteration()} to {@code config.iterations()}. */
    public void run(TrainState state) throws Exception {
        run(state, Long.MAX_VALUE);
    }

    /**
     * Trains as {@link #run(TrainState)} but stops, as Ctrl-C would, once {@code stopAt}
     * iterations are done (the schedule still spans {@code config.iterations()}).
     */
    public void run(TrainState state, long stopAt) throws Exception {
        try {
            TrainConfig cfg = state.config();
            for (TrainHook h : hooks) {
                h.beforeTrain(state);
            }
            try (Prefetcher<TrainBatch> pf = new Prefetcher<>(batches::make, state.iteration(), 2)) {
                while (state.iteration() < cfg.iterations() && !stopRequested) {
                    if (state.iteration() >= stopAt) {
                        stopRequested = true;
                        break;
                    }
                    long t0 = System.nanoTime();
                    long it = state.iteration();
                    TrainBatch batch = pf.take();
                    double lr = cfg.optimizer().lr() * cfg.schedule().factor(it, cfg.iterations());
                    StepRecord rec;
                    try (TrainingGraph.StepOutput out = graph.step(batch)) {
                        Map<String, Double> losses = new LinkedHashMap<>();
                        losses.put("loss_cls", out.lossCls());
                        losses.put("loss_box", out.lossBox());
                        if (!Double.isFinite(out.loss())) {
                            throw new NonFiniteLossException(it, losses);
                        }
                        double norm = state.optimizer().step(state.params().trainable(), out.gradients(), lr);
                        if (state.ema() != null) {
                            state.ema().update(state.params(), it);
                        }
                        rec = new StepRecord(it, losses, lr, norm, (System.nanoTime() - t0) / 1e9, batch.batchSize());
                    }
                    state.advance();
                    for (TrainHook h : hooks) {
                        h.afterStep(state, rec);
                    }
                }
            }
            // reverse order: a hook set up first (the log) is torn down last
            for (int i = hooks.size() - 1; i >= 0; i--) {
                hooks.get(i).afterTrain(state);
            }
        } finally {
            finished.countDown();
        }
    }
}
