package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A convolution followed by a BatchNorm with fixed statistics, computed as one convolution (at
 * inference, and while training with frozen BatchNorm):
 * {@code BN(conv(x, W)) = conv(x, W·s) + t} with {@code s = γ/√(var + ε)} and
 * {@code t = β − mean·s} per output channel; a convolution with a bias b (the Caffe style) gives
 * {@code t = β + (b − mean)·s}. W is {@code [k, k, cin, cout]} (YXIO), b, s and t {@code [cout]}. The values are computed here, on the stored parameters, rather than in the
 * graph: once per {@link #refresh} instead of once per forward pass (a broadcast multiply of
 * every weight, 15% of a ResNet-18 forward), and without the slow gradient of a broadcast
 * multiply while training.
 */
final class FoldedBatchNorm {
    static final double EPS = BackboneSpec.BN_EPS;

    private final String weight;
    private final String bias;
    private final String bn;
    private SDVariable foldedWeight;
    private SDVariable foldedBias;

    /**
     * @param weight the convolution's weight parameter
     * @param bias   the convolution's bias parameter, or null for a convolution without one
     * @param bn     the BatchNorm's name ({@code .gamma}, {@code .beta}, {@code .running_mean},
     *               {@code .running_var} after it)
     */
    FoldedBatchNorm(String weight, String bias, String bn) {
        this.weight = weight;
        this.bias = bias;
        this.bn = bn;
    }

    /** s {@code [cout]}. */
    INDArray scale(DetectorParams p) {
        return p.get(bn + ".gamma").div(Transforms.sqrt(p.get(bn + ".running_var").add(EPS), false));
    }

    /** t {@code [cout]}. */
    INDArray shift(DetectorParams p) {
        INDArray centre = p.get(bn + ".running_mean");
        if (bias != null) {
            centre = centre.sub(p.get(bias));                                  // mean − b
        }
        return p.get(bn + ".beta").sub(centre.mul(scale(p)));
    }

    /** s broadcast to W's shape {@code [k, k, cin, cout]}. */
    INDArray scalePerWeight(DetectorParams p) {
        INDArray w = p.get(weight);
        INDArray s = scale(p);
        return s.reshape(1, 1, 1, s.length()).broadcast(w.shape()).dup('c');
    }

    /** W·s {@code [k, k, cin, cout]}. */
    INDArray weight(DetectorParams p) {
        return p.get(weight).mul(scalePerWeight(p));
    }

    /** Remembers the graph constants that hold W·s and t (see {@link #refresh}). */
    void bind(SDVariable foldedWeight, SDVariable foldedBias) {
        this.foldedWeight = foldedWeight;
        this.foldedBias = foldedBias;
    }

    /** Recomputes the bound constants from the current parameter values. */
    void refresh(DetectorParams p) {
        foldedWeight.getArr().assign(weight(p));
        foldedBias.getArr().assign(shift(p));
    }
}
