package io.sedet.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of a detector's parameters and BN statistics:
 * {@code ema ← d_t·ema + (1 − d_t)·live} after optimizer step t, with d_t from a {@link Decay}:
 * <ul>
 *   <li>{@link Decay#warmup}: the "model EMA" of timm/YOLOX, {@code d_t = min(decay, (1 + t)/(10 + t))},
 *       so early averages are not dominated by the random initialisation;</li>
 *   <li>{@link Decay#teacher}: the semi-supervised teacher θ_t of SED-SPEC, {@code d_t = 0} before
 *       the start of its averaging (the teacher is a copy of the student; SED-SPEC starts at the end
 *       of the supervised burn-in, so there θ_t = θ_s) and {@code d_t = m} from it on.</li>
 * </ul>
 * The averaged values live in one {@link DetectorParams} updated in place, so a graph built on
 * {@link #params()} sees them after its {@code refresh()}.
 */
public final class ModelEma {
    private static final String TRAINABLE = "trainable/";
    private static final String RUNNING = "running/";

    /** The decay d_t used after optimizer step t (0-based). */
    @FunctionalInterface
    public interface Decay {
        double at(long t);

        /** {@code min(decay, (1 + t)/(10 + t))}. */
        static Decay warmup(double decay) {
            if (!(decay > 0 && decay < 1)) {
                throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
            }
            return t -> Math.min(decay, (1.0 + t) / (10.0 + t));
        }

        /** 0 (copy) for the steps {@code t < start}, then the momentum m. */
        static Decay teacher(long start, double momentum) {
            if (!(momentum >= 0 && momentum < 1) || start < 0) {
                throw new IllegalArgumentException("teacher momentum must be in [0, 1) and its start >= 0, got "
                        + momentum + " and " + start);
            }
            return t -> t < start ? 0.0 : momentum;
        }
    }

    private final Decay decay;
    private final DetectorParams shadow;

    /** The model EMA with warm-up ({@link Decay#warmup}), starting from a copy of {@code live}. */
    public ModelEma(double decay, DetectorParams live) {
        this(Decay.warmup(decay), live);
    }

    /** Starts from a copy of {@code live}. */
    public ModelEma(Decay decay, DetectorParams live) {
        this.decay = decay;
        this.shadow = live.copy();
    }

    /** The averaged parameters (updated in place). */
    public DetectorParams params() {
        return shadow;
    }

    /** Decay used after optimizer step {@code t} (0-based). */
    public double decayAt(long t) {
        return decay.at(t);
    }

    /** Folds {@code live} in after optimizer step {@code t}. */
    public void update(DetectorParams live, long t) {
        double d = decayAt(t);
        fold(shadow.trainable(), live.trainable(), d);
        fold(shadow.running(), live.running(), d);
    }

    private static void fold(Map<String, INDArray> ema, Map<String, INDArray> live, double d) {
        for (Map.Entry<String, INDArray> e : ema.entrySet()) {
            INDArray l = live.get(e.getKey());
            if (d == 0) {
                e.getValue().assign(l); // a copy, exactly (0·ema would turn a non-finite value into NaN)
            } else {
                InPlace.blend(e.getValue(), l, d);
            }
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
