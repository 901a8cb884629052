package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.Supplier;

/**
 * What every part of {@link RetinaNet} writes its layers with: the graph, the parameters by name,
 * the mode and layout, and one random stream for the initial weights. Parameters are drawn in the
 * order the parts ask for them (backbone, FPN, head), so a detector of one spec and seed starts
 * from the same weights however its parts are arranged.
 *
 * <p>Convolution weights are {@code [k, k, cin, cout]} (YXIO); activations NCHW while training,
 * NHWC at inference ({@link #nhwc}).
 */
final class GraphLayers {
    /** How a layer's parameters start. */
    enum Init {
        /** He-normal, no bias: backbone convolutions (BatchNorm follows). */
        HE_NO_BIAS,
        /** N(0, 1/fan-in), bias 0: FPN. */
        FPN,
        /** N(0, 0.01), bias 0: the heads' convolutions. */
        HEAD,
        /** N(0, 0.01), bias −log((1 − π)/π): the class output, prior π. */
        HEAD_CLS
    }

    final SameDiff sd;
    final DetectorSpec spec;
    final DetectorParams params;
    final RetinaNet.Mode mode;
    /**
     * Activations channels-last inside (inference): oneDNN's forward convolutions work in NHWC, so
     * NCHW costs two reorders per convolution (inference 9% faster measured on ResNet-18 256², see
     * docs/BENCHMARKS.md). Training stays NCHW: its backward convolutions use blocked layouts either
     * way, and NHWC made the step no faster.
     */
    final boolean nhwc;
    final DataType dtype;
    private final Random init;

    GraphLayers(SameDiff sd, DetectorSpec spec, DetectorParams params, RetinaNet.Mode mode, DataType dtype, long seed) {
        this.sd = sd;
        this.spec = spec;
        this.params = params;
        this.mode = mode;
        this.nhwc = mode == RetinaNet.Mode.INFER;
        this.dtype = dtype;
        this.init = new Random(seed);
    }

    /** k×k convolution with "same" padding for odd k; weights {@code name.w} {@code [k, k, cin, cout]}, bias {@code name.b}. */
    SDVariable conv(String name, SDVariable x, int cin, int cout, int k, int stride, Init how) {
        SDVariable w = convWeight(name, cin, cout, k, how);
        if (how == Init.HE_NO_BIAS) {
            return sd.cnn().conv2d(x, w, convConfig(k, stride));
        }
        double bias = how == Init.HEAD_CLS ? -Math.log((1 - spec.priorProb()) / spec.priorProb()) : 0.0;
        SDVariable bv = variable(name + ".b", () -> Nd4j.valueArrayOf(new long[] {cout}, bias, dtype));
        return sd.cnn().conv2d(x, w, bv, convConfig(k, stride));
    }

    /** The weights {@code [k, k, cin, cout]} of convolution {@code name}. */
    SDVariable convWeight(String name, int cin, int cout, int k, Init how) {
        return variable(name + ".w", convInit(cin, cout, k, how));
    }

    /** Initial convolution weights {@code [k, k, cin, cout]}. */
    Supplier<INDArray> convInit(int cin, int cout, int k, Init how) {
        double std = switch (how) {
            case HE_NO_BIAS -> Math.sqrt(2.0 / (cin * k * k));
            case FPN -> Math.sqrt(1.0 / (cin * k * k));
            case HEAD, HEAD_CLS -> 0.01;
        };
        return () -> normal(std, k, k, cin, cout);
    }

    Conv2DConfig convConfig(int k, int stride) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(k / 2).pW(k / 2)
                .dataFormat(nhwc ? "NHWC" : "NCHW").weightsFormat(WeightsFormat.YXIO).build();
    }

    /** The graph constant {@code name} (made from {@code value} on first use; a second pass reuses it). */
    SDVariable constant(String name, Supplier<INDArray> value) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.constant(name, value.get());
    }

    /**
     * The parameter {@code name} as a graph variable (registered from {@code initial} if absent; a
     * second pass reuses the variable, so gradients of shared weights add up).
     */
    SDVariable variable(String name, Supplier<INDArray> initial) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        parameter(name, initial);
        // a frozen stage's parameters are constants: SameDiff computes no gradient for them, nor below them
        return mode == RetinaNet.Mode.TRAIN && spec.frozen(name) ? sd.constant(name, params.get(name))
                : sd.var(name, params.get(name));
    }

    /** Registers a trainable parameter (drawn from {@code initial} if absent) without a graph variable. */
    void parameter(String name, Supplier<INDArray> initial) {
        if (!params.has(name)) {
            params.putTrainable(name, initial.get());
        }
    }

    private INDArray normal(double std, long... shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = init.nextGaussian() * std;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }
}
