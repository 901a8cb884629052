package io.sedet.train;

/**
 * Something that happens around the training loop (detectron2's hooks): logging, evaluation,
 * checkpoints. The loop itself only steps.
 */
public interface TrainHook {
    default void beforeTrain(TrainState state) throws Exception {
    }

    /** After the optimizer update of {@code state.iteration() - 1}. */
    default void afterStep(TrainState state, StepRecord step) throws Exception {
    }

    /**
     * After the last step, also when training stops early (Ctrl-C); not after a failure. Hooks
     * run here in reverse order of registration.
     */
    default void afterTrain(TrainState state) throws Exception {
    }
}
