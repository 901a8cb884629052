package io.sedet.model;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.loss.GradientCheck;
import io.sedet.loss.SupervisedLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetinaNetTest {
    static DetectorSpec tiny(int classes) {
        return DetectorSpec.retinaNet(new BackboneSpec(18, 0.125), 8, 1, classes);
    }

    @Test
    void outputShapesFollowTheLevelLayout() {
        SameDiff sd = SameDiff.create();
        DetectorParams params = new DetectorParams();
        RetinaNet net = new RetinaNet(sd, tiny(3), params, RetinaNet.Mode.TRAIN, DataType.FLOAT, 1);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 128, 256);
        List<RetinaNet.LevelOutput> out = net.forward(x, 128, 256);
        assertEquals(5, out.size());
        Map<String, INDArray> res = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3, 128, 256)),
                out.stream().flatMap(o -> java.util.stream.Stream.of(o.cls().name(), o.box().name())).toArray(String[]::new));
        for (RetinaNet.LevelOutput o : out) {
            int s = 1 << o.level();
            assertArrayEquals(new long[] {2, 128 / s, 256 / s, 9, 3}, res.get(o.cls().name()).shape(), "cls P" + o.level());
            assertArrayEquals(new long[] {2, 128 / s, 256 / s, 9, 4}, res.get(o.box().name()).shape(), "box P" + o.level());
        }
        // the prior bias makes every initial probability about 0.01
        double p = sigmoidMean(res.get(out.get(0).cls().name()));
        assertEquals(0.01, p, 0.003);
        assertTrue(params.numParameters() > 1000);
    }

    /** ResNet-34 and ResNet-50 (bottleneck) layouts build and produce the same level shapes. */
    @Test
    void deeperBackbonesBuild() {
        for (int depth : new int[] {34, 50}) {
            SameDiff sd = SameDiff.create();
            DetectorSpec spec = DetectorSpec.retinaNet(new BackboneSpec(depth, 0.125), 8, 1, 2);
            DetectorParams params = new DetectorParams();
            RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.INFER, DataType.FLOAT, 1);
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 128, 128);
            List<RetinaNet.LevelOutput> out = net.forward(x, 128, 128);
            INDArray p7 = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 1, 3, 128, 128)), out.get(4).box().name())
                    .get(out.get(4).box().name());
            assertArrayEquals(new long[] {1, 1, 1, 9, 4}, p7.shape(), "depth " + depth);
            assertTrue(params.has(depth == 50 ? "backbone.layer4.2.conv3.w" : "backbone.layer3.5.conv2.w"), "depth " + depth);
        }
    }

    /**
     * The Caffe style (stride in the first 1×1, convolution biases, unpadded stem pool) gives every
     * level its H/2^l × W/2^l grid while training (batch statistics) and at inference, with C2
     * one row and column short of H/4 × W/4.
     */
    @Test
    void caffeStyleKeepsTheLevelGrids() {
        DetectorSpec spec = DetectorSpec.retinaNet(new BackboneSpec(50, 0.125, BackboneSpec.Style.CAFFE), 8, 1, 2);
        DetectorParams params = new DetectorParams();
        for (RetinaNet.Mode mode : RetinaNet.Mode.values()) {
            SameDiff sd = SameDiff.create();
            RetinaNet net = new RetinaNet(sd, spec, params, mode, DataType.FLOAT, 1);
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 128, 256);
            List<RetinaNet.LevelOutput> out = net.forward(x, 128, 256);
            SDVariable c2 = net.features(x)[0];
            List<String> names = new java.util.ArrayList<>(out.stream().map(o -> o.box().name()).toList());
            names.add(c2.name());
            Map<String, INDArray> res = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3, 128, 256)),
                    names.toArray(String[]::new));
            for (RetinaNet.LevelOutput o : out) {
                int s = 1 << o.level();
                assertArrayEquals(new long[] {2, 128 / s, 256 / s, 9, 4}, res.get(o.box().name()).shape(), mode + " P" + o.level());
            }
            long[] c2Shape = res.get(c2.name()).shape();
            int hw = mode == RetinaNet.Mode.INFER ? 1 : 2;      // NHWC inside at inference (features() permutes back)
            assertEquals(31, c2Shape[2], mode + " C2 " + java.util.Arrays.toString(c2Shape));
            assertEquals(63, c2Shape[3], mode + " C2 " + java.util.Arrays.toString(c2Shape) + " " + hw);
        }
        assertTrue(params.has("backbone.layer2.0.conv1.b") && params.has("backbone.stem.conv.b"));
    }

    /** P6 from P5 (torchvision's layout) takes F input channels instead of C5's, and still gives five levels. */
    @Test
    void p6FromP5() {
        for (DetectorSpec.P6Source src : DetectorSpec.P6Source.values()) {
            SameDiff sd = SameDiff.create();
            DetectorSpec spec = DetectorSpec.retinaNet(new BackboneSpec(18, 0.25), 8, 1, 2).withP6(src);
            DetectorParams params = new DetectorParams();
            RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.INFER, DataType.FLOAT, 1);
            List<RetinaNet.LevelOutput> out = net.forward(sd.placeHolder("x", DataType.FLOAT, -1, 3, 128, 128), 128, 128);
            long cin = src == DetectorSpec.P6Source.P5 ? 8 : spec.backbone().stageOutput(3);
            assertArrayEquals(new long[] {3, 3, cin, 8}, params.get("fpn.p6.w").shape(), src.toString());
            INDArray p6 = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 1, 3, 128, 128)), out.get(3).cls().name())
                    .get(out.get(3).cls().name());
            assertArrayEquals(new long[] {1, 2, 2, 9, 2}, p6.shape());
        }
        assertTrue(DetectorSpec.P6Source.C5 == DetectorSpec.retinaNet(new BackboneSpec(18, 0.25), 8, 1, 2).p6Source());
    }

    private static double sigmoidMean(INDArray logits) {
        return org.nd4j.linalg.ops.transforms.Transforms.sigmoid(logits, true).meanNumber().doubleValue();
    }

    /**
     * Whole-network gradient check in double precision (batch statistics BN, shared head): the
     * head weights are used on five levels and get the sum of their gradients.
     */
    @Test
    void networkGradientsMatchFiniteDifferences() {
        Nd4j.getRandom().setSeed(11);
        SameDiff sd = SameDiff.create();
        DetectorSpec spec = tiny(2);
        DetectorParams params = new DetectorParams();
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.TRAIN, DataType.DOUBLE, 2);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 128, 128);
        List<RetinaNet.LevelOutput> out = net.forward(x, 128, 128);
        // The zero-initialised last γ of each residual block makes its sum land exactly on ReLU's
        // kink (identity input ≥ 0 plus 0), where finite differences see half the slope. Random
        // affine parameters move every pre-activation off the kink.
        params.trainable().forEach((name, arr) -> {
            if (name.endsWith(".gamma") || name.endsWith(".beta")) {
                arr.assign(Nd4j.randn(DataType.DOUBLE, arr.shape()).muli(0.5).addi(name.endsWith(".gamma") ? 1 : 0));
            }
        });
        int n = new AnchorGenerator(spec.anchors()).total(128, 128);
        SDVariable cls = DenseOutputs.cls(sd, out, 2, 9);
        SDVariable box = DenseOutputs.box(sd, out, 9);
        SupervisedLoss.build(sd, cls, box, n, 2, SupervisedLoss.Config.retinaNet(), DataType.DOUBLE).total().rename("loss");
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", Nd4j.randn(DataType.DOUBLE, 2, 3, 128, 128));
        INDArray ct = Nd4j.zeros(DataType.DOUBLE, 2, n, 2);
        INDArray bw = Nd4j.zeros(DataType.DOUBLE, 2, n);
        for (int i = 0; i < n; i += 97) {
            ct.putScalar(new long[] {i % 2, i, i % 2}, 1);
            bw.putScalar(new long[] {i % 2, i}, 1);
        }
        ph.put(SupervisedLoss.CLS_TARGET, ct);
        ph.put(SupervisedLoss.CLS_WEIGHT, Nd4j.ones(DataType.DOUBLE, 2, n));
        ph.put(SupervisedLoss.BOX_TARGET, Nd4j.randn(DataType.DOUBLE, 2, n, 4).muli(0.5));
        ph.put(SupervisedLoss.BOX_WEIGHT, bw);
        ph.put(SupervisedLoss.NORMALIZER, Nd4j.scalar(bw.sumNumber().doubleValue()));
        for (String v : List.of("head.cls.0.w", "head.box.out.w", "head.cls.out.b", "fpn.lateral3.w",
                "backbone.layer2.0.conv1.w", "backbone.stem.bn.gamma", "backbone.layer1.1.bn2.beta")) {
            GradientCheck.check(sd, "loss", v, ph, 6, 1e-6, 1e-3, 1e-8, v.hashCode());
        }
    }
}
