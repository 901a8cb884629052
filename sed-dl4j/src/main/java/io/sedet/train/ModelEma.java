package io.sedet.train;

import io.sedet.model.DetectorParams;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of a detector's parameters and BN statistics (the "model EMA" of
 * timm/YOLOX, and the teacher of mean-teacher style semi-supervised training):
 * {@code ema ← d·ema + (1 − d)·live} after every optimizer step, with
 * {@code d_t = min(decay, (1 + t)/(10 + t))} so that early averages are not dominated by the random
 * initialisation. The averaged values live in one {@link DetectorParams} updated in place, so a
 * predictor built on {@link #params()} sees them after {@code refresh()}.
 */
public final class ModelEma {
    private static final String TRAINABLE = "trainable/";
    private static final String RUNNING = "running/";

    private final double decay;
    private final DetectorParams shadow;

    /** Starts from a copy of {@code live}. */
    public ModelEma(double decay, DetectorParams live) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.shadow = live.copy();
    }

    /** The averaged parameters (updated in place). */
    public DetectorParams params() {
        return shadow;
    }

    /** Decay used after optimizer step {@code t} (0-based). */
    public double decayAt(long t) {
        return Math.min(decay, (1.0 + t) / (10.0 + t));
    }

    /** Folds {@code live} in after optimizer step {@code t}. */
    public void update(DetectorParams live, long t) {
        double d = decayAt(t);
        fold(shadow.trainable(), live.trainable(), d);
        fold(shadow.running(), live.running(), d);
    }

    private static void fold(Map<String, INDArray> ema, Map<String, INDArray> live, double d) {
        for (Map.Entry<String, INDArray> e : ema.entrySet()) {
            e.getValue().muli(d).addi(live.get(e.getKey()).mul(1 - d));
        }
    }

    /** The averaged arrays for a checkpoint ("trainable/…" and "running/…" names). */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        shadow.trainable().forEach((k, v) -> s.put(TRAINABLE + k, v));
        shadow.running().forEach((k, v) -> s.put(RUNNING + k, v));
        return s;
    }

    /** The parameters held in a {@link #state()} map (e.g. read back from a checkpoint). */
    public static DetectorParams paramsOf(Map<String, INDArray> state) {
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        Map<String, INDArray> running = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(TRAINABLE)) {
                trainable.put(k.substring(TRAINABLE.length()), v);
            } else if (k.startsWith(RUNNING)) {
                running.put(k.substring(RUNNING.length()), v);
            } else {
                throw new IllegalArgumentException("not an EMA entry: " + k);
            }
        });
        return DetectorParams.of(trainable, running);
    }

    /** Restores {@link #state()}; every entry must be present. */
    public void restore(Map<String, INDArray> state) {
        for (String k : shadow.trainable().keySet()) {
            shadow.set(k, require(state, TRAINABLE + k));
        }
        for (String k : shadow.running().keySet()) {
            shadow.set(k, require(state, RUNNING + k));
        }
    }

    private static INDArray require(Map<String, INDArray> state, String key) {
        INDArray a = state.get(key);
        if (a == null) {
            throw new IllegalArgumentException("the checkpoint has no EMA entry " + key);
        }
        return a;
    }
}
