package io.sedet.train;

/**
 * One kind of training step under the one {@link Trainer} loop: supervised, mean teacher and SED
 * are three implementations. The loop prepares the inputs of the coming iterations in the
 * background with {@link #prepare}, then for each iteration calls {@link #run} (forward and
 * backward), checks the losses, applies one optimizer update and runs the hooks (the teacher's
 * EMA update is one of them).
 *
 * @param <I> what one iteration consumes (a batch, or a batch plus unlabeled views)
 */
public interface TrainStep<I> {
    /**
     * The inputs of iteration {@code t}: a pure function of {@code t} (and the step's seed), called
     * on the prefetch thread, so resuming at {@code t} replays the same stream.
     */
    I prepare(long iteration);

    /**
     * Forward and backward on the inputs of {@code state.iteration()}, on the training thread.
     * The state gives what the step may read besides the student: the teacher
     * ({@link TrainState#ema()}), the iteration (burn-in).
     */
    StepOutput run(I inputs, TrainState state);

    /**
     * Gives back the native arrays this step keeps for reuse between iterations (its graphs'
     * {@link io.sedet.model.ArrayPool}s); the next iteration allocates them again. Called before
     * an evaluation, so that the evaluation's arrays reuse their memory instead of adding to it.
     */
    default void releaseMemory() {
    }
}
