package io.sedet.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BatchNorm with fixed statistics: folding it into the convolution gives what BatchNorm after the
 * convolution gives; a detector with frozen BatchNorm trains its convolutions only; and the
 * inference graph (channels-last, folded constants) computes the same function as the training
 * graph (channels-first, folded in the graph).
 */
class FrozenBatchNormTest {
    private static final int H = 128;

    /** With a bias (the Caffe style), {@code t = β + (b − mean)·s}. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aFoldedConvolutionEqualsConvolutionThenBatchNorm(boolean withBias) {
        Nd4j.getRandom().setSeed(3);
        int cin = 5;
        int cout = 7;
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        Map<String, INDArray> running = new LinkedHashMap<>();
        trainable.put("c.w", Nd4j.randn(DataType.FLOAT, 3, 3, cin, cout));
        trainable.put("c.b", Nd4j.randn(DataType.FLOAT, cout));
        trainable.put("bn.gamma", Nd4j.randn(DataType.FLOAT, cout));
        trainable.put("bn.beta", Nd4j.randn(DataType.FLOAT, cout));
        running.put("bn.running_mean", Nd4j.randn(DataType.FLOAT, cout));
        running.put("bn.running_var", Nd4j.rand(DataType.FLOAT, cout).addi(0.2));
        DetectorParams p = DetectorParams.of(trainable, running);
        FoldedBatchNorm fold = new FoldedBatchNorm("c.w", withBias ? "c.b" : null, "bn");

        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, cin, 9, 9);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
        SDVariable y = withBias ? sd.cnn().conv2d(x, sd.constant(p.get("c.w")), sd.constant(p.get("c.b")), cfg)
                : sd.cnn().conv2d(x, sd.constant(p.get("c.w")), cfg);
        // BatchNorm written out: γ (y − mean) / √(var + ε) + β
        SDVariable bn = y.sub(sd.constant(p.get("bn.running_mean").reshape(1, cout, 1, 1)))
                .div(sd.math().sqrt(sd.constant(p.get("bn.running_var").add(FoldedBatchNorm.EPS).reshape(1, cout, 1, 1))))
                .mul(sd.constant(p.get("bn.gamma").reshape(1, cout, 1, 1)))
                .add(sd.constant(p.get("bn.beta").reshape(1, cout, 1, 1)));
        bn.rename("reference");
        sd.cnn().conv2d(x, sd.constant(fold.weight(p)), sd.constant(fold.shift(p)), cfg).rename("folded");
        Map<String, INDArray> out = sd.output(Map.of("x", Nd4j.randn(DataType.FLOAT, 2, cin, 9, 9)), "reference", "folded");
        double diff = out.get("reference").sub(out.get("folded")).amaxNumber().doubleValue();
        assertTrue(diff < 1e-4 * out.get("reference").amaxNumber().doubleValue(), "largest difference " + diff);
    }

    /** Both styles; the Caffe style's convolution biases train, folded as {@code b·s + t}. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(BackboneSpec.Style.class)
    void frozenBatchNormTrainsTheConvolutionsOnlyAndInferenceComputesTheSameFunction(BackboneSpec.Style style) {
        DetectorSpec spec = DetectorSpec.retinaNet(new BackboneSpec(18, 0.125, style), 16, 1, 3)
                .withNorm(DetectorSpec.Norm.FROZEN);
        DetectorParams params = DetectorParams.initial(spec, H, H, 4);
        assertFalse(params.trainable().keySet().stream().anyMatch(k -> k.endsWith(".gamma") || k.endsWith(".beta")),
                "γ and β of a frozen BatchNorm are not trained");
        // stored statistics as a pretrained backbone would bring them
        params.running().forEach((k, v) -> v.assign(k.endsWith("_var") || k.endsWith(".gamma")
                ? Nd4j.rand(DataType.FLOAT, v.shape()).addi(0.5) : Nd4j.randn(DataType.FLOAT, v.shape()).muli(0.1)));
        params.trainable().forEach((k, v) -> {
            if (k.startsWith("backbone.") && k.endsWith(".b")) {
                v.assign(Nd4j.randn(DataType.FLOAT, v.shape()).muli(0.1));
            }
        });
        assertEquals(style == BackboneSpec.Style.CAFFE, params.trainable().containsKey("backbone.layer1.0.conv1.b"));
        Map<String, INDArray> before = new LinkedHashMap<>();
        params.running().forEach((k, v) -> before.put(k, v.dup()));

        INDArray images = Nd4j.randn(DataType.FLOAT, 2, 3, H, H);
        TrainingGraph train = new TrainingGraph(spec, params, 0, (sd, net) -> {
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, H, H);
            List<RetinaNet.LevelOutput> levels = net.forward(x, H, H);
            levels.forEach(l -> l.cls().rename("cls" + l.level()));
            SDVariable loss = levels.get(0).cls().mul(levels.get(0).cls()).mean();
            for (RetinaNet.LevelOutput l : levels.subList(1, levels.size())) {
                loss = loss.add(l.box().mul(l.box()).mean());
            }
            return Map.of("loss", loss);
        });
        try (TrainingGraph.Result r = train.step(Map.of("x", images))) {
            assertTrue(r.gradients().get("backbone.layer1.0.conv1.w").norm2Number().doubleValue() > 0);
            if (style == BackboneSpec.Style.CAFFE) {
                assertTrue(r.gradients().get("backbone.layer1.0.conv1.b").norm2Number().doubleValue() > 0);
            }
        }
        params.running().forEach((k, v) -> assertEquals(before.get(k), v, k + " changed by a step"));

        // training graph (NCHW, scale folded in the graph) against inference graph (NHWC, constants)
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.TRAIN, DataType.FLOAT, 0);
        List<RetinaNet.LevelOutput> levels = net.forward(sd.placeHolder("x", DataType.FLOAT, -1, 3, H, H), H, H);
        INDArray trainCls = sd.output(Map.of("x", images), levels.get(0).cls().name()).get(levels.get(0).cls().name());
        InferenceGraph infer = new InferenceGraph(spec, params, H, H);
        try (InferenceGraph.Dense d = infer.dense(images)) {
            // the inference graph's scores are σ of the logits, level P3 first
            INDArray p3 = d.scores().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, trainCls.length() / 2 / 3),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(trainCls.reshape(p3.shape()), true);
            double diff = expected.sub(p3).amaxNumber().doubleValue();
            // float rounding of the logits, ~1e-6 of their scale (the Caffe input is on 0..255: logits in the hundreds)
            double tolerance = 1e-6 * Math.max(10, trainCls.amaxNumber().doubleValue());
            assertTrue(diff < tolerance, "largest difference of P3 scores " + diff + ", tolerance " + tolerance);
        }
        assertTrue(Stream.of("backbone.stem.bn.gamma", "backbone.layer4.1.bn2.running_var").allMatch(params.running()::containsKey));
    }
}
