package io.sedet.config;

/**
 * Optimizer settings.
 *
 * @param kind         SGD with momentum, or AdamW (decoupled weight decay)
 * @param lr           base learning rate (before the schedule)
 * @param momentum     SGD momentum
 * @param weightDecay  L2 (SGD) or decoupled (AdamW) decay; not applied to biases and BatchNorm
 * @param beta1        AdamW β1
 * @param beta2        AdamW β2
 * @param eps          AdamW ε
 * @param gradClipNorm global L2 norm the gradient is clipped to; {@code Infinity} for no clipping
 */
public record OptimizerConfig(Kind kind, double lr, double momentum, double weightDecay, double beta1,
                              double beta2, double eps, double gradClipNorm) {
    public enum Kind { SGD, ADAMW }

    public static OptimizerConfig sgd(double lr) {
        return new OptimizerConfig(Kind.SGD, lr, 0.9, 1e-4, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY);
    }

    public static OptimizerConfig adamw(double lr) {
        return new OptimizerConfig(Kind.ADAMW, lr, 0.9, 0.05, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY);
    }
}
