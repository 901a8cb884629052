package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A backbone convolution (no bias, He-normal; a bias in the Caffe style) followed by BatchNorm over
 * (B, H, W) per channel, written one of three ways, chosen once per graph ({@link Strategy}):
 * parameters {@code block.conv.w} {@code [k, k, cin, cout]},
 * {@code block.bn.gamma|beta|running_mean|running_var} {@code [cout]}.
 */
final class ConvBatchNorm {
    /** How BatchNorm enters the graph. */
    enum Strategy {
        /**
         * Training with {@link DetectorSpec.Norm#BATCH}: libnd4j's fused op ({@link BatchNormOp})
         * with the batch's statistics, which {@link #batchStats()} exposes for the running averages.
         */
        BATCH_STATISTICS,
        /**
         * Inference (either norm): the fixed affine {@code s·y + t}, {@code s = γ/√(var + ε)},
         * {@code t = β − mean·s}, folded into the convolution, {@code conv(x, W·s) + t}, as graph
         * constants that {@link InferenceGraph#refresh()} recomputes ({@link #folds()}).
         */
        FOLDED,
        /**
         * Training with {@link DetectorSpec.Norm#FROZEN}: W (and a bias b) train, s and t are
         * constants (the stored values never change): {@code conv(x, W·s) + b·s + t}.
         */
        FROZEN_TRAINING
    }

    private static final double EPS = FoldedBatchNorm.EPS;
    /** Suffixes of the graph constants of folded BatchNorms (not parameters). */
    private static final String FOLDED = ".folded";
    private static final String FOLDED_SCALE = ".bn_scale";

    private final GraphLayers g;
    private final Strategy strategy;
    private final Map<String, RetinaNet.BatchStat> batchStats = new LinkedHashMap<>();
    private final List<FoldedBatchNorm> folds = new ArrayList<>();

    ConvBatchNorm(GraphLayers g) {
        this.g = g;
        this.strategy = g.mode == RetinaNet.Mode.INFER ? Strategy.FOLDED
                : g.spec.norm() == DetectorSpec.Norm.BATCH ? Strategy.BATCH_STATISTICS : Strategy.FROZEN_TRAINING;
    }

    /** Batch statistics of the first pass through each BatchNorm, by its name ({@link Strategy#BATCH_STATISTICS}). */
    Map<String, RetinaNet.BatchStat> batchStats() {
        return batchStats;
    }

    /** The folded BatchNorms ({@link Strategy#FOLDED}). */
    List<FoldedBatchNorm> folds() {
        return folds;
    }

    /**
     * {@code conv → BN} of {@code block.convName} and {@code block.bnName}. {@code zeroGamma}: the
     * last BN of a residual branch starts at γ = 0, so every block starts as the identity (helps
     * training from scratch; a frozen BN gets its values from a pretrained backbone, and without
     * them a deep network of γ = 1 blocks overflows).
     */
    SDVariable apply(String block, String convName, String bnName, SDVariable x, int cin, int cout, int k, int stride,
                     boolean zeroGamma) {
        Layer l = new Layer(block + "." + convName, block + "." + bnName, cin, cout, k, stride, zeroGamma ? 0.0 : 1.0,
                g.spec.backbone().style() == BackboneSpec.Style.CAFFE);
        return switch (strategy) {
            case BATCH_STATISTICS -> batchStatistics(l, x);
            case FOLDED -> folded(l, x);
            case FROZEN_TRAINING -> frozenTraining(l, x);
        };
    }

    /** One convolution + BatchNorm: names, shape, γ's start, whether the convolution has a bias. */
    private record Layer(String conv, String bn, int cin, int cout, int k, int stride, double gamma0, boolean hasBias) {
        String weight() {
            return conv + ".w";
        }

        String bias() {
            return hasBias ? conv + ".b" : null;
        }
    }

    private SDVariable batchStatistics(Layer l, SDVariable x) {
        SDVariable y = l.hasBias
                ? g.sd.cnn().conv2d(x, g.convWeight(l.conv, l.cin, l.cout, l.k, GraphLayers.Init.HE_NO_BIAS),
                        g.variable(l.bias(), zeros(l.cout)), g.convConfig(l.k, l.stride))
                : g.conv(l.conv, x, l.cin, l.cout, l.k, l.stride, GraphLayers.Init.HE_NO_BIAS);
        SDVariable gamma = g.variable(l.bn + ".gamma", () -> Nd4j.valueArrayOf(new long[] {l.cout}, l.gamma0, g.dtype));
        SDVariable beta = g.variable(l.bn + ".beta", zeros(l.cout));
        String rm = l.bn + ".running_mean";
        String rv = l.bn + ".running_var";
        runningStatistics(rm, rv, l.cout);
        // batch statistics; BatchNormOp's gradient already accounts for them (see its doc)
        // (training: NCHW)
        SDVariable mean = y.mean(false, 0, 2, 3);                                 // [C]
        SDVariable centred = y.sub(mean.reshape(1, l.cout, 1, 1));
        SDVariable var = centred.mul(centred).mean(false, 0, 2, 3);               // [C], biased
        batchStats.putIfAbsent(l.bn, new RetinaNet.BatchStat(rm, rv, mean, var));
        return new BatchNormOp(g.sd, y, outsideGradient(mean), outsideGradient(var), gamma, beta, EPS, 1)
                .outputVariable();
    }

    /**
     * Registers the parameters (names, initial values) of a BatchNorm that is not trained with
     * batch statistics: only the folded values, and while training W, enter the graph.
     */
    private void registerFixed(Layer l) {
        g.parameter(l.weight(), g.convInit(l.cin, l.cout, l.k, GraphLayers.Init.HE_NO_BIAS));
        if (l.hasBias) {
            g.parameter(l.bias(), zeros(l.cout));
        }
        if (g.spec.norm() == DetectorSpec.Norm.FROZEN) {                 // state, never trained
            if (!g.params.has(l.bn + ".gamma")) {
                g.params.putRunning(l.bn + ".gamma", Nd4j.valueArrayOf(new long[] {l.cout}, l.gamma0, g.dtype));
                g.params.putRunning(l.bn + ".beta", Nd4j.zeros(g.dtype, l.cout));
            }
        } else {                                                         // inference of a BATCH model
            g.parameter(l.bn + ".gamma", () -> Nd4j.valueArrayOf(new long[] {l.cout}, l.gamma0, g.dtype));
            g.parameter(l.bn + ".beta", zeros(l.cout));
        }
        runningStatistics(l.bn + ".running_mean", l.bn + ".running_var", l.cout);
    }

    private SDVariable folded(Layer l, SDVariable x) {
        registerFixed(l);
        FoldedBatchNorm fold = new FoldedBatchNorm(l.weight(), l.bias(), l.bn);
        SDVariable shift = g.constant(l.bn + FOLDED, () -> fold.shift(g.params));
        String foldedName = l.weight() + FOLDED;
        SDVariable foldedWeight = g.sd.hasVariable(foldedName) ? g.sd.getVariable(foldedName) : null;
        if (foldedWeight == null) {
            foldedWeight = g.sd.constant(foldedName, fold.weight(g.params));
            fold.bind(foldedWeight, shift);
            folds.add(fold);
        }
        return g.sd.cnn().conv2d(x, foldedWeight, shift, g.convConfig(l.k, l.stride));
    }

    private SDVariable frozenTraining(Layer l, SDVariable x) {
        registerFixed(l);
        FoldedBatchNorm fold = new FoldedBatchNorm(l.weight(), null, l.bn);
        SDVariable shift = g.constant(l.bn + FOLDED, () -> fold.shift(g.params));
        SDVariable w = g.variable(l.weight(), g.convInit(l.cin, l.cout, l.k, GraphLayers.Init.HE_NO_BIAS));
        SDVariable scale = g.constant(l.weight() + FOLDED_SCALE, () -> fold.scalePerWeight(g.params));
        if (l.hasBias) {
            SDVariable channelScale = g.constant(l.bn + FOLDED_SCALE, () -> fold.scale(g.params));
            shift = g.variable(l.bias(), zeros(l.cout)).mul(channelScale).add(shift);
        }
        return g.sd.cnn().conv2d(x, w.mul(scale), shift, g.convConfig(l.k, l.stride));
    }

    private Supplier<INDArray> zeros(int c) {
        return () -> Nd4j.zeros(g.dtype, c);
    }

    private void runningStatistics(String mean, String var, int c) {
        if (!g.params.has(mean)) {
            g.params.putRunning(mean, Nd4j.zeros(g.dtype, c));
            g.params.putRunning(var, Nd4j.ones(g.dtype, c));
        }
    }

    /**
     * {@code v} reinterpreted as integers of its width and back: the same values through a path that SameDiff does
     * not differentiate (it follows floating-point variables only). The batch statistics need no
     * gradient of their own ({@code batchnorm_bp}'s gradient for x already accounts for them, and
     * its gradients for mean and variance are zero), but as ordinary inputs SameDiff would carry
     * those zeros back through mean, subtract, multiply and mean: about ten passes over every
     * normalised activation per step, for nothing.
     */
    private SDVariable outsideGradient(SDVariable v) {
        DataType bits = switch (g.dtype.width()) {
            case 2 -> DataType.INT16;
            case 4 -> DataType.INT32;
            default -> DataType.INT64;
        };
        return new Reinterpret(g.sd, new Reinterpret(g.sd, v, bits).outputVariable(), g.dtype).outputVariable();
    }

    /**
     * libnd4j's {@code bitcast} (the bits of one type read as another, same element width). Not
     * ND4J's {@code BitCast}: that class serialises a property it cannot read back, and SameDiff
     * serialises every op while it builds a gradient function, so each use logged a warning.
     */
    private static final class Reinterpret extends org.nd4j.linalg.api.ops.DynamicCustomOp {
        private final DataType to;

        Reinterpret(SameDiff sd, SDVariable v, DataType to) {
            super(null, sd, new SDVariable[] {v}, false);
            this.to = to;
            addIArgument(to.toInt());
        }

        @Override
        public String opName() {
            return "bitcast";
        }

        @Override
        public Map<String, Object> propertiesForFunction() {
            return Map.of();
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
            return List.of(to);
        }
    }
}
