package io.sedet.train;

import io.sedet.config.TrainConfig;
import io.sedet.data.Prefetcher;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The one training loop (detectron2's {@code run_step} design): take the next inputs (prepared in
 * the background by the {@link TrainStep}), let the step compute losses and gradients, check that
 * the losses are finite, apply one optimizer update with the scheduled learning rate, run the
 * hooks (teacher/EMA update, log, evaluation, checkpoints). Losses and the gradient norm are
 * checked before the update: a non-finite one stops training with nothing applied. Supervised, mean-teacher and SED
 * training differ only in the step. {@link #requestStop()} (Ctrl-C) ends the loop after the
 * current step and still runs the hooks' {@code afterTrain} (which saves a checkpoint).
 *
 * @param <I> the step's inputs per iteration
 */
public final class Trainer<I> {
    private final TrainStep<I> step;
    private final List<TrainHook> hooks;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** @param hooks run in this order after every step, in reverse order after training */
    public Trainer(TrainStep<I> step, List<TrainHook> hooks) {
        this.step = step;
        this.hooks = new java.util.concurrent.CopyOnWriteArrayList<>(hooks);
    }

    /**
     * Adds a hook after the given ones (a listener of a Java program: it sees every step after
     * the log, the evaluation and the checkpoint). Before {@link #run}.
     */
    public void addHook(TrainHook hook) {
        hooks.add(hook);
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
            try (Prefetcher<I> pf = new Prefetcher<>(step::prepare, state.iteration(), 2)) {
                while (state.iteration() < cfg.iterations() && !stopRequested) {
                    if (state.iteration() >= stopAt) {
                        stopRequested = true;
                        break;
                    }
                    long t0 = System.nanoTime();
                    long it = state.iteration();
                    I inputs = pf.take();
                    double lr = cfg.optimizer().lr() * cfg.schedule().factor(it, cfg.iterations());
                    StepRecord rec;
                    try (StepOutput out = step.run(inputs, state)) {
                        if (!Double.isFinite(out.loss())) {
                            throw new NonFiniteLossException(it, out.losses());
                        }
                        double norm = Optimizer.gradientNorm(out.gradients());
                        if (!Double.isFinite(norm)) {
                            throw new NonFiniteLossException(it, "the gradient norm is " + norm + " (losses "
                                    + out.losses() + "); the update was not applied");
                        }
                        state.optimizer().step(state.params().trainable(), out.gradients(), lr, norm);
                        rec = new StepRecord(it, out.losses(), out.stats(), lr, norm,
                                (System.nanoTime() - t0) / 1e9, out.images());
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
