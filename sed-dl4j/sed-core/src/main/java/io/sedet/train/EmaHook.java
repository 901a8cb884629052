package io.sedet.train;

/**
 * Folds the student into the {@link ModelEma} (the model EMA, or the semi-supervised teacher)
 * after every optimizer step; registered before the hooks that evaluate or save it.
 */
public final class EmaHook implements TrainHook {
    @Override
    public void afterStep(TrainState state, StepRecord step) {
        if (state.ema() != null) {
            state.ema().update(state.params(), step.iteration());
        }
    }
}
