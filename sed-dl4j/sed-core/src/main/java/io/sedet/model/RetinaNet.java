package io.sedet.model;

import io.sedet.anchor.AnchorSpec;
import io.sedet.kernels.image.ImageOps;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A ResNet-FPN RetinaNet written into a {@link SameDiff} graph; the ResNet is torchvision's or the
 * Caffe variant that the DL4J zoo's weights need ({@link BackboneSpec.Style}). Weights are graph variables
 * named after their place ("backbone.layer2.0.conv1.w", "head.cls.1.w"); calling
 * {@link #forward} more than once (several inputs, e.g. SED's student on u_s and u_s↓) reuses
 * them, so gradients of shared weights add up. The head is shared across P3..P7.
 *
 * <p>Symbols: B batch, H×W input (multiples of 128), C classes, A anchors per location,
 * F FPN channels, l level (stride 2^l). Layout NCHW inside while training, NHWC at inference
 * (input {@code [B, 3, H, W]} either way); outputs per level
 * {@code cls[l]: [B, H/2^l, W/2^l, A, C]} logits and {@code box[l]: [B, H/2^l, W/2^l, A, 4]} deltas.
 *
 * <p>BatchNorm ({@link #convBn}): while training with {@link DetectorSpec.Norm#BATCH}, libnd4j's
 * fused op ({@link BatchNormOp}) with batch statistics, exposed as {@link #batchStats()} for the
 * running averages; at inference, and always with {@link DetectorSpec.Norm#FROZEN}, the fixed
 * affine of the stored statistics folded into the preceding convolution's weights and bias.
 */
public final class RetinaNet {
    /** How BatchNorm normalises. */
    public enum Mode { TRAIN, INFER }

    /** One FPN level's dense outputs. */
    public record LevelOutput(int level, SDVariable cls, SDVariable box, int height, int width) {
    }

    /** Batch mean and variance {@code [C]} of one BatchNorm in TRAIN mode, with its running-stat names. */
    public record BatchStat(String runningMean, String runningVar, SDVariable mean, SDVariable var) {
    }

    private static final double BN_EPS = FoldedBatchNorm.EPS;
    /** Suffixes of the graph constants of folded BatchNorms (not parameters). */
    private static final String FOLDED = ".folded";
    private static final String FOLDED_SCALE = ".bn_scale";
    /** Graph constants of the Caffe style's input conversion ({@link #caffeInput}). */
    private static final String CAFFE_SCALE = "backbone.input.caffe_scale";
    private static final String CAFFE_SHIFT = "backbone.input.caffe_shift";

    private final SameDiff sd;
    private final DetectorSpec spec;
    private final DetectorParams params;
    private final Mode mode;
    /**
     * Activations channels-last inside (inference): oneDNN's forward convolutions work in NHWC, so
     * NCHW costs two reorders per convolution (inference 9% faster measured on ResNet-18 256², see
     * docs/BENCHMARKS.md). Training stays NCHW: its backward convolutions use blocked layouts either
     * way, and NHWC made the step no faster.
     */
    private final boolean nhwc;
    private final DataType dtype;
    private final Random init;
    private final Map<String, BatchStat> batchStats = new LinkedHashMap<>();
    private final List<FoldedBatchNorm> folds = new ArrayList<>();

    /**
     * @param params values to use; missing entries are initialised (He-normal convolutions,
     *               RetinaNet's head init) from {@code seed} and added to it
     */
    public RetinaNet(SameDiff sd, DetectorSpec spec, DetectorParams params, Mode mode, DataType dtype, long seed) {
        this.sd = sd;
        this.spec = spec;
        this.params = params;
        this.mode = mode;
        this.nhwc = mode == Mode.INFER;
        this.dtype = dtype;
        this.init = new Random(seed);
    }

    public DetectorSpec spec() {
        return spec;
    }

    /**
     * Batch statistics of the first forward pass (TRAIN mode), by BatchNorm name: only that pass
     * feeds the running statistics. SED's student graph makes its first pass on the labeled and
     * strong views together ({@code concat}), so the running statistics are those of the images
     * the student is trained on at full size; the half view's pass normalises with its own batch
     * statistics and feeds nothing.
     */
    public Map<String, BatchStat> batchStats() {
        return batchStats;
    }

    /**
     * The BatchNorms of an {@link Mode#INFER} graph, folded into their convolutions as graph
     * constants: {@link InferenceGraph#refresh()} recomputes them from the parameters.
     */
    List<FoldedBatchNorm> folds() {
        return folds;
    }

    /**
     * Adds the network applied to {@code images} {@code [B, 3, H, W]} to the graph, all levels
     * P3..P7; H and W must be multiples of 2^7.
     *
     * @return per level, P3 first
     */
    public List<LevelOutput> forward(SDVariable images, int height, int width) {
        return forward(images, height, width, spec.anchors().maxLevel());
    }

    /**
     * Adds the network applied to {@code images} {@code [B, 3, H, W]} with the head on P3..P{maxLevel}
     * only (SED's half view u_s↓ has no partner for its P7, so it stops at P6). Every level's grid
     * is {@code H/2^l × W/2^l}, which the stride-2, pad-1 convolutions give only when H and W are
     * multiples of 2^maxLevel (they give the ceiling otherwise): anything else is refused.
     *
     * @return per level, P3 first
     */
    public List<LevelOutput> forward(SDVariable images, int height, int width, int maxLevel) {
        AnchorSpec a = spec.anchors();
        if (maxLevel < a.minLevel() || maxLevel > a.maxLevel()) {
            throw new IllegalArgumentException("max level " + maxLevel + " outside P" + a.minLevel() + "..P" + a.maxLevel());
        }
        int divisor = 1 << maxLevel;
        if (height % divisor != 0 || width % divisor != 0) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is not a multiple of " + divisor
                    + ": P" + maxLevel + " would not be a " + height / divisor + "x" + width / divisor
                    + " grid (give sizes divisible by 2^" + maxLevel + ", or stop at a lower level)");
        }
        SDVariable[] c = backbone(nhwc ? images.permute(0, 2, 3, 1) : images);
        SDVariable[] p = fpn(c[1], c[2], c[3], maxLevel);
        List<LevelOutput> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            int level = a.minLevel() + i;
            int h = height >> level;
            int w = width >> level;
            SDVariable cls = tower("head.cls", p[i]);
            cls = conv("head.cls.out", cls, spec.fpnChannels(), a.anchorsPerLocation() * spec.numClasses(), 3, 1,
                    Init.HEAD_CLS);
            SDVariable box = tower("head.box", p[i]);
            box = conv("head.box.out", box, spec.fpnChannels(), a.anchorsPerLocation() * 4, 3, 1, Init.HEAD);
            // [B, A*K, h, w] -> [B, h, w, A*K] -> [B, h, w, A, K]
            cls = (nhwc ? cls : cls.permute(0, 2, 3, 1)).reshape(-1, h, w, a.anchorsPerLocation(), spec.numClasses());
            box = (nhwc ? box : box.permute(0, 2, 3, 1)).reshape(-1, h, w, a.anchorsPerLocation(), 4);
            out.add(new LevelOutput(level, cls, box, h, w));
        }
        return out;
    }

    private SDVariable tower(String name, SDVariable x) {
        for (int i = 0; i < spec.headConvs(); i++) {
            x = sd.nn().relu(conv(name + "." + i, x, spec.fpnChannels(), spec.fpnChannels(), 3, 1, Init.HEAD), 0);
        }
        return x;
    }

    /**
     * C2..C5 of the backbone alone (strides 4..32), each {@code [B, C, H/s, W/s]}, for images
     * {@code [B, 3, H, W]} — what pretrained weights are checked against.
     */
    public SDVariable[] features(SDVariable images) {
        SDVariable[] c = backbone(nhwc ? images.permute(0, 2, 3, 1) : images);
        if (nhwc) {
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].permute(0, 3, 1, 2);
            }
        }
        return c;
    }

    /** C2..C5 of the ResNet. */
    private SDVariable[] backbone(SDVariable x) {
        BackboneSpec b = spec.backbone();
        boolean caffe = b.style() == BackboneSpec.Style.CAFFE;
        if (caffe) {
            x = caffeInput(x);
        }
        x = sd.nn().relu(convBn("backbone.stem", "conv", "bn", x, 3, b.stemWidth(), 7, 2, false), 0);
        int pad = caffe ? 0 : 1;
        x = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(pad).pW(pad)
                .type(Pooling2D.Pooling2DType.MAX).isNHWC(nhwc).build());
        SDVariable[] c = new SDVariable[4];
        int cin = b.stemWidth();
        int[] blocks = b.blocks();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                int stride = (i == 0 && s > 0) ? 2 : 1;
                String name = "backbone.layer" + (s + 1) + "." + i;
                x = b.bottleneck() ? bottleneck(name, x, cin, b.stageWidth(s), stride)
                        : basic(name, x, cin, b.stageWidth(s), stride);
                cin = b.stageOutput(s);
            }
            c[s] = x;
        }
        return c;
    }

    private SDVariable basic(String name, SDVariable x, int cin, int width, int stride) {
        SDVariable y = sd.nn().relu(convBn(name, "conv1", "bn1", x, cin, width, 3, stride, false), 0);
        y = convBn(name, "conv2", "bn2", y, width, width, 3, 1, true);
        return sd.nn().relu(y.add(shortcut(name, x, cin, width, stride)), 0);
    }

    /** A bottleneck; its stride is in the 3×3 convolution (torchvision) or the first 1×1 (Caffe). */
    private SDVariable bottleneck(String name, SDVariable x, int cin, int width, int stride) {
        int cout = 4 * width;
        boolean caffe = spec.backbone().style() == BackboneSpec.Style.CAFFE;
        SDVariable y = sd.nn().relu(convBn(name, "conv1", "bn1", x, cin, width, 1, caffe ? stride : 1, false), 0);
        y = sd.nn().relu(convBn(name, "conv2", "bn2", y, width, width, 3, caffe ? 1 : stride, false), 0);
        y = convBn(name, "conv3", "bn3", y, width, cout, 1, 1, true);
        return sd.nn().relu(y.add(shortcut(name, x, cin, cout, stride)), 0);
    }

    private SDVariable shortcut(String name, SDVariable x, int cin, int cout, int stride) {
        if (cin == cout && stride == 1) {
            return x;
        }
        return convBn(name, "down.conv", "down.bn", x, cin, cout, 1, stride, false);
    }

    /**
     * The Caffe-style weights' input from this project's: {@code x} holds RGB in [0, 1] normalised
     * as {@code (v − mean)/std} (ImageNet's, {@code ImageOps}); the result holds B, G, R on the
     * 0..255 scale minus {@link BackboneSpec.Style#CAFFE_MEAN_BGR}. Per output channel c (source
     * channel 2 − c): {@code 255·std·x + 255·mean − caffeMean}, one affine of graph constants.
     */
    private SDVariable caffeInput(SDVariable x) {
        int axis = nhwc ? 3 : 1;
        long[] shape = nhwc ? new long[] {1, 1, 1, 3} : new long[] {1, 3, 1, 1};
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            int rgb = 2 - c;
            scale[c] = 255f * ImageOps.STD[rgb];
            shift[c] = (float) (255.0 * ImageOps.MEAN[rgb] - BackboneSpec.Style.CAFFE_MEAN_BGR[c]);
        }
        SDVariable bgr = sd.gather(x, new int[] {2, 1, 0}, axis);
        SDVariable a = constant(CAFFE_SCALE, () -> Nd4j.create(scale, shape, 'c').castTo(dtype));
        SDVariable t = constant(CAFFE_SHIFT, () -> Nd4j.create(shift, shape, 'c').castTo(dtype));
        return bgr.mul(a).add(t);
    }

    /** P3..P{maxLevel} from C3..C5 (P6 from C5 or P5, P7 from ReLU(P6)). */
    private SDVariable[] fpn(SDVariable c3, SDVariable c4, SDVariable c5, int maxLevel) {
        BackboneSpec b = spec.backbone();
        int f = spec.fpnChannels();
        SDVariable l5 = conv("fpn.lateral5", c5, b.stageOutput(3), f, 1, 1, Init.FPN);
        SDVariable l4 = conv("fpn.lateral4", c4, b.stageOutput(2), f, 1, 1, Init.FPN);
        SDVariable l3 = conv("fpn.lateral3", c3, b.stageOutput(1), f, 1, 1, Init.FPN);
        SDVariable t4 = l4.add(sd.cnn().upsampling2d(l5, 2, 2, !nhwc));
        SDVariable t3 = l3.add(sd.cnn().upsampling2d(t4, 2, 2, !nhwc));
        SDVariable p3 = conv("fpn.output3", t3, f, f, 3, 1, Init.FPN);
        SDVariable p4 = conv("fpn.output4", t4, f, f, 3, 1, Init.FPN);
        SDVariable p5 = conv("fpn.output5", l5, f, f, 3, 1, Init.FPN);
        if (maxLevel < 6) {
            return java.util.Arrays.copyOf(new SDVariable[] {p3, p4, p5}, maxLevel - 2);
        }
        SDVariable p6 = spec.p6Source() == DetectorSpec.P6Source.P5
                ? conv("fpn.p6", p5, f, f, 3, 2, Init.FPN)
                : conv("fpn.p6", c5, b.stageOutput(3), f, 3, 2, Init.FPN);
        if (maxLevel == 6) {
            return new SDVariable[] {p3, p4, p5, p6};
        }
        SDVariable p7 = conv("fpn.p7", sd.nn().relu(p6, 0), f, f, 3, 2, Init.FPN);
        return java.util.Arrays.copyOf(new SDVariable[] {p3, p4, p5, p6, p7}, maxLevel - 2);
    }

    /** How a layer's parameters start. */
    private enum Init { HE_NO_BIAS, FPN, HEAD, HEAD_CLS }

    /** k×k convolution with "same" padding for odd k; weights {@code [k, k, cin, cout]}. */
    private SDVariable conv(String name, SDVariable x, int cin, int cout, int k, int stride, Init how) {
        SDVariable w = convWeight(name, cin, cout, k, how);
        if (how == Init.HE_NO_BIAS) {
            return sd.cnn().conv2d(x, w, convConfig(k, stride));
        }
        double bias = how == Init.HEAD_CLS ? -Math.log((1 - spec.priorProb()) / spec.priorProb()) : 0.0;
        SDVariable bv = variable(name + ".b", () -> Nd4j.valueArrayOf(new long[] {cout}, bias, dtype));
        return sd.cnn().conv2d(x, w, bv, convConfig(k, stride));
    }

    /** The weights {@code [k, k, cin, cout]} of convolution {@code name}. */
    private SDVariable convWeight(String name, int cin, int cout, int k, Init how) {
        return variable(name + ".w", convInit(cin, cout, k, how));
    }

    /** Initial convolution weights {@code [k, k, cin, cout]}. */
    private java.util.function.Supplier<INDArray> convInit(int cin, int cout, int k, Init how) {
        double std = switch (how) {
            case HE_NO_BIAS -> Math.sqrt(2.0 / (cin * k * k));
            case FPN -> Math.sqrt(1.0 / (cin * k * k));
            case HEAD, HEAD_CLS -> 0.01;
        };
        return () -> normal(std, k, k, cin, cout);
    }

    private Conv2DConfig convConfig(int k, int stride) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(k / 2).pW(k / 2)
                .dataFormat(nhwc ? "NHWC" : "NCHW").weightsFormat(WeightsFormat.YXIO).build();
    }

    /**
     * A backbone convolution (no bias, He-normal) followed by BatchNorm over (B, H, W) per channel;
     * parameters {@code block.conv.w}, {@code block.bn.gamma|beta|running_mean|running_var}.
     * {@code zeroGamma}: the last BN of a residual branch starts at γ = 0, so every block starts as
     * the identity (helps training from scratch; a frozen BN gets its values from a pretrained
     * backbone, and without them a deep network of γ = 1 blocks overflows).
     *
     * <p>While training with {@link DetectorSpec.Norm#BATCH}, BN normalises with batch statistics
     * ({@link BatchNormOp}) and exposes them as {@link #batchStats()}. Otherwise (inference, or
     * {@link DetectorSpec.Norm#FROZEN}) it is the fixed affine {@code s·y + t} with
     * {@code s = γ/√(var + ε)}, {@code t = β − mean·s}, folded into the convolution:
     * {@code conv(x, W·s) + t} — no pass over the activations of its own.
     */
    private SDVariable convBn(String block, String convName, String bnName, SDVariable x, int cin, int cout, int k,
                              int stride, boolean zeroGamma) {
        String name = block + "." + bnName;
        boolean trainsBn = mode == Mode.TRAIN && spec.norm() == DetectorSpec.Norm.BATCH;
        double gamma0 = zeroGamma ? 0.0 : 1.0;
        String rm = name + ".running_mean";
        String rv = name + ".running_var";
        boolean hasBias = spec.backbone().style() == BackboneSpec.Style.CAFFE;
        String bias = hasBias ? block + "." + convName + ".b" : null;
        java.util.function.Supplier<INDArray> zeros = () -> Nd4j.zeros(dtype, cout);
        if (trainsBn) {
            SDVariable y = hasBias
                    ? sd.cnn().conv2d(x, convWeight(block + "." + convName, cin, cout, k, Init.HE_NO_BIAS),
                            variable(bias, zeros), convConfig(k, stride))
                    : conv(block + "." + convName, x, cin, cout, k, stride, Init.HE_NO_BIAS);
            SDVariable gamma = variable(name + ".gamma", () -> Nd4j.valueArrayOf(new long[] {cout}, gamma0, dtype));
            SDVariable beta = variable(name + ".beta", () -> Nd4j.zeros(dtype, cout));
            runningStatistics(rm, rv, cout);
            // batch statistics; BatchNormOp's gradient already accounts for them (see its doc)
            // (training: NCHW)
            SDVariable mean = y.mean(false, 0, 2, 3);                                 // [C]
            SDVariable centred = y.sub(mean.reshape(1, cout, 1, 1));
            SDVariable var = centred.mul(centred).mean(false, 0, 2, 3);               // [C], biased
            batchStats.putIfAbsent(name, new BatchStat(rm, rv, mean, var));
            return new BatchNormOp(sd, y, outsideGradient(mean), outsideGradient(var), gamma, beta, BN_EPS, 1)
                    .outputVariable();
        }
        // the parameters are registered (names, initial values) but only the folded values, and
        // while training W, enter the graph
        String weight = block + "." + convName + ".w";
        parameter(weight, convInit(cin, cout, k, Init.HE_NO_BIAS));
        if (hasBias) {
            parameter(bias, zeros);
        }
        if (spec.norm() == DetectorSpec.Norm.FROZEN) {                   // state, never trained
            if (!params.has(name + ".gamma")) {
                params.putRunning(name + ".gamma", Nd4j.valueArrayOf(new long[] {cout}, gamma0, dtype));
                params.putRunning(name + ".beta", Nd4j.zeros(dtype, cout));
            }
        } else {                                                         // inference of a BATCH model
            parameter(name + ".gamma", () -> Nd4j.valueArrayOf(new long[] {cout}, gamma0, dtype));
            parameter(name + ".beta", () -> Nd4j.zeros(dtype, cout));
        }
        runningStatistics(rm, rv, cout);
        if (mode == Mode.INFER) {
            FoldedBatchNorm fold = new FoldedBatchNorm(weight, bias, name);
            SDVariable shift = constant(name + FOLDED, () -> fold.shift(params));
            SDVariable foldedWeight = sd.hasVariable(weight + FOLDED) ? sd.getVariable(weight + FOLDED) : null;
            if (foldedWeight == null) {
                foldedWeight = sd.constant(weight + FOLDED, fold.weight(params));
                fold.bind(foldedWeight, shift);
                folds.add(fold);
            }
            return sd.cnn().conv2d(x, foldedWeight, shift, convConfig(k, stride));
        }
        // training with frozen BN: W (and a bias b) train, s and t are constants (the stored values
        // never change): conv(x, W·s) + b·s + t
        FoldedBatchNorm fold = new FoldedBatchNorm(weight, null, name);
        SDVariable shift = constant(name + FOLDED, () -> fold.shift(params));
        SDVariable w = variable(weight, convInit(cin, cout, k, Init.HE_NO_BIAS));
        SDVariable scale = constant(weight + FOLDED_SCALE, () -> fold.scalePerWeight(params));
        if (hasBias) {
            SDVariable channelScale = constant(name + FOLDED_SCALE, () -> fold.scale(params));
            shift = variable(bias, zeros).mul(channelScale).add(shift);
        }
        return sd.cnn().conv2d(x, w.mul(scale), shift, convConfig(k, stride));
    }

    /** The graph constant {@code name} (made from {@code value} on first use; a second pass reuses it). */
    private SDVariable constant(String name, java.util.function.Supplier<INDArray> value) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.constant(name, value.get());
    }

    private void runningStatistics(String mean, String var, int c) {
        if (!params.has(mean)) {
            params.putRunning(mean, Nd4j.zeros(dtype, c));
            params.putRunning(var, Nd4j.ones(dtype, c));
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
        DataType bits = switch (dtype.width()) {
            case 2 -> DataType.INT16;
            case 4 -> DataType.INT32;
            default -> DataType.INT64;
        };
        return reinterpret(reinterpret(v, bits), dtype);
    }

    private SDVariable reinterpret(SDVariable v, DataType to) {
        return new Reinterpret(sd, v, to).outputVariable();
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

    private SDVariable variable(String name, java.util.function.Supplier<INDArray> initial) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        parameter(name, initial);
        // a frozen stage's parameters are constants: SameDiff computes no gradient for them, nor below them
        return mode == Mode.TRAIN && spec.frozen(name) ? sd.constant(name, params.get(name))
                : sd.var(name, params.get(name));
    }

    /** Registers a trainable parameter (drawn from {@code initial} if absent) without a graph variable. */
    private void parameter(String name, java.util.function.Supplier<INDArray> initial) {
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
