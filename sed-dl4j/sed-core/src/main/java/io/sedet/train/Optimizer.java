package io.sedet.train;

import io.sedet.config.OptimizerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.sedet.model.InPlace.axpy;

/**
 * Updates parameters in place from their gradients (SGD with momentum and L2 decay, or AdamW)
 * and keeps its per-parameter state, which checkpoints save ({@link #state()}). An update
 * allocates no native memory: every operation writes into the parameter, its state or one
 * scratch buffer (the gradients are only read).
 */
public final class Optimizer {
    private final OptimizerConfig cfg;
    private final Map<String, INDArray> first = new LinkedHashMap<>();
    private final Map<String, INDArray> second = new LinkedHashMap<>();
    private long steps;
    private INDArray scratch;

    private final java.util.function.Predicate<String> frozen;
    private final java.util.function.Predicate<String> optional;

    public Optimizer(OptimizerConfig cfg) {
        this(cfg, name -> false, name -> false);
    }

    /**
     * @param frozen   parameters never updated (a frozen backbone stage, which the training graph
     *                 holds as a constant and gives no gradient): no step, no moments, no weight decay
     * @param optional parameters that only some steps' graphs use (the half view's P2,
     *                 {@code DetectorSpec.halfViewOnly}): a step that gives no gradient for one leaves
     *                 it and its moments as they are. AdamW's bias correction counts the optimizer's
     *                 steps, so a parameter first updated at step t > 1 takes a first step of
     *                 (1 − β1)·√((1 − β2^t)/(1 − β2))/(1 − β1^t)·lr (2.1·lr at t = 600, β 0.9 and
     *                 0.999) where one updated from the start takes lr
     */
    public Optimizer(OptimizerConfig cfg, java.util.function.Predicate<String> frozen,
                     java.util.function.Predicate<String> optional) {
        this.cfg = cfg;
        this.frozen = frozen;
        this.optional = optional;
    }

    public OptimizerConfig config() {
        return cfg;
    }

    /** Parameters excluded from weight decay: biases and BatchNorm affine parameters. */
    static boolean decays(String name) {
        return !(name.endsWith(".b") || name.endsWith(".gamma") || name.endsWith(".beta"));
    }

    /** The global L2 norm of the gradients (NaN or infinite when one of them is). */
    public static double gradientNorm(Map<String, INDArray> grads) {
        double sq = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    /**
     * Applies one update with learning rate {@code lr}.
     *
     * @return the global gradient norm before clipping
     * @throws IllegalStateException when a gradient is not finite (nothing is updated) or a
     *                               parameter has no gradient (a bug of the graph, never skipped)
     */
    public double step(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        double norm = gradientNorm(grads);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("gradient norm is " + norm + "; no parameter was updated");
        }
        return step(params, grads, lr, norm);
    }

    /**
     * Applies one update given the gradients' global norm {@code norm} (finite), as computed by
     * {@link #gradientNorm}; clips to {@code gradClipNorm}.
     *
     * @return {@code norm}
     */
    public double step(Map<String, INDArray> params, Map<String, INDArray> grads, double lr, double norm) {
        for (String name : params.keySet()) {
            if (!grads.containsKey(name) && !frozen.test(name) && !optional.test(name)) {
                throw new IllegalStateException("no gradient for parameter " + name);
            }
        }
        double clip = norm > cfg.gradClipNorm() ? cfg.gradClipNorm() / (norm + 1e-6) : 1.0;
        steps++;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String name = e.getKey();
            if (frozen.test(name) || (optional.test(name) && !grads.containsKey(name))) {
                continue;
            }
            INDArray p = e.getValue();
            INDArray g = grads.get(name);
            boolean decay = decays(name) && cfg.weightDecay() > 0;
            if (cfg.kind() == OptimizerConfig.Kind.SGD) {
                // v ← μ·v + c·g (+ λ·p);  p ← p − lr·v
                INDArray v = first.computeIfAbsent(name, k -> Nd4j.zerosLike(p));
                v.muli(cfg.momentum());
                axpy(clip, g, v);
                if (decay) {
                    axpy(cfg.weightDecay(), p, v);
                }
                axpy(-lr, v, p);
            } else {
                // m ← β1·m + (1 − β1)·c·g;  v ← β2·v + (1 − β2)·(c·g)²
                // p ← (1 − lr·λ)·p − lr·(m / c1) / (√(v / c2) + ε)
                INDArray m = first.computeIfAbsent(name, k -> Nd4j.zerosLike(p));
                INDArray v = second.computeIfAbsent(name, k -> Nd4j.zerosLike(p));
                INDArray s = scratch(p);
                m.muli(cfg.beta1());
                axpy((1 - cfg.beta1()) * clip, g, m);
                s.assign(g).muli(g);
                v.muli(cfg.beta2());
                axpy((1 - cfg.beta2()) * clip * clip, s, v);
                double c1 = 1 - Math.pow(cfg.beta1(), steps);
                double c2 = 1 - Math.pow(cfg.beta2(), steps);
                Transforms.sqrt(s.assign(v).divi(c2), false).addi(cfg.eps()).rdivi(m); // s ← m / (√(v/c2) + ε)
                if (decay) {
                    p.muli(1 - lr * cfg.weightDecay());
                }
                axpy(-lr / c1, s, p);
            }
        }
        return norm;
    }

    /**
     * Scratch space shaped like {@code p}: a view of one buffer as long as the largest parameter,
     * so an update allocates nothing.
     */
    private INDArray scratch(INDArray p) {
        if (scratch == null || scratch.length() < p.length()) {
            scratch = Nd4j.create(p.dataType(), p.length());
        }
        return scratch.get(NDArrayIndex.interval(0, p.length())).reshape(p.shape());
    }

    /** Optimizer state for checkpoints: "m/NAME", "v/NAME" and the step count. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        first.forEach((k, v) -> s.put("m/" + k, v));
        second.forEach((k, v) -> s.put("v/" + k, v));
        return s;
    }

    public long steps() {
        return steps;
    }

    /** Restores {@link #state()} and the step count. */
    public void restore(Map<String, INDArray> state, long steps) {
        first.clear();
        second.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("m/")) {
                first.put(k.substring(2), v.dup());
            } else if (k.startsWith("v/")) {
                second.put(k.substring(2), v.dup());
            }
        });
        this.steps = steps;
    }
}
