package io.sedet.pretrained;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.cli.SedetCliTest;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.kernels.image.ImageOps;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.RetinaNet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DL4J zoo's own {@link ResNet50}, built with {@code init()} and given random weights, biases
 * and BatchNorm statistics, imported with {@code sedet import-backbone --from dl4j-zoo}, gives the
 * same C3–C5 as the zoo network on the same image (each side fed its own input convention).
 */
class Dl4jZooImportTest {
    /** Largest |ours − DL4J| relative to the largest |DL4J| of a feature map. */
    static final double TOLERANCE = 1e-4;
    static final int H = 128;
    static final int W = 160;

    @TempDir
    Path dir;

    /**
     * The zoo's ResNet-50 for H×W images, with res2a at stride 1 (the paper's and Keras' layout,
     * which the detector runs) and the BatchNorm variants the importer meets: ε 1e-3 (Keras') and
     * the variance stored as variance in half the layers, log10 std (DL4J's default) in the rest.
     */
    static ComputationGraph paperStrides(long seed) {
        // (the zoo reads inputShape as {channels, width, height})
        ComputationGraphConfiguration.GraphBuilder b = ResNet50.builder().numClasses(10).inputShape(new int[] {3, W, H})
                .seed(seed).build().graphBuilder();
        int bn = 0;
        for (Map.Entry<String, GraphVertex> e : b.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex v)) {
                continue;
            }
            if (v.getLayerConf().getLayer() instanceof ConvolutionLayer c && e.getKey().startsWith("res2a_branch")
                    && c.getStride()[0] == 2) {
                c.setStride(new int[] {1, 1});
            }
            if (v.getLayerConf().getLayer() instanceof BatchNormalization n) {
                n.setEps(1e-3);
                n.setUseLogStd(bn++ % 2 == 0);
            }
        }
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return randomized(g, seed);
    }

    /**
     * He-normal convolutions (the zoo's N(0, 0.5) init overflows 50 layers), biases N(0, 0.05²),
     * γ in [0.5, 1.5], β and running means N(0, 0.1²), running variances in [0.5, 2].
     */
    static ComputationGraph randomized(ComputationGraph g, long seed) {
        Random r = new Random(seed);
        for (Layer l : g.getLayers()) {
            for (Map.Entry<String, INDArray> p : l.paramTable().entrySet()) {
                INDArray a = p.getValue();
                double[] v = new double[(int) a.length()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (p.getKey()) {
                        case "W" -> r.nextGaussian() * Math.sqrt(2.0 / (a.length() / a.size(0)));
                        case "b" -> r.nextGaussian() * 0.05;
                        case "gamma" -> 0.5 + r.nextDouble();
                        case "beta", "mean" -> r.nextGaussian() * 0.1;
                        case "var" -> 0.5 + 1.5 * r.nextDouble();
                        case "log10stdev" -> 0.5 * Math.log10(0.5 + 1.5 * r.nextDouble());
                        default -> a.getDouble(i);
                    };
                }
                a.assign(Nd4j.create(v, a.shape(), 'c').castTo(a.dataType()));
            }
        }
        return g;
    }

    @Test
    void importedBackboneGivesTheZooNetworksFeatures() throws Exception {
        ComputationGraph zoo = paperStrides(7);
        Path zip = dir.resolve("resnet50-random.zip");
        ModelSerializer.writeModel(zoo, zip.toFile(), false);
        Path backbone = dir.resolve("zoo.sedet");
        SedetCliTest.Run r = SedetCliTest.run("import-backbone", "--from", "dl4j-zoo", zip.toString(), "--out",
                backbone.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("caffe-style ResNet-50") && r.out().contains("--set model.style=caffe")
                && r.out().contains("Adler-32"), r.out());
        assertTrue(!r.out().contains("strides by 2"), r.out());

        // the same image in [0, 1]: ours normalised RGB, the zoo's Caffe BGR 0..255 minus the mean
        Random rnd = new Random(3);
        float[] ours = new float[3 * H * W];
        float[] caffe = new float[3 * H * W];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < H * W; i++) {
                float p = rnd.nextFloat();
                ours[c * H * W + i] = (p - ImageOps.MEAN[c]) / ImageOps.STD[c];
                caffe[(2 - c) * H * W + i] = (float) (255 * p - BackboneSpec.Style.CAFFE_MEAN_BGR[2 - c]);
            }
        }
        Map<String, INDArray> reference = zoo.feedForward(Nd4j.create(caffe, new long[] {1, 3, H, W}, 'c'), false);

        TrainConfig cfg = TrainConfig.preset("shapes-small", Map.of("model.depth", "50", "model.width", "1",
                "model.style", "caffe"));
        DetectorSpec spec = cfg.detectorSpec(1);
        DetectorParams params = DetectorParams.initial(spec, 128, 128);
        int copied = io.sedet.session.TrainingSession.initBackbone(params, BackboneSpec.Style.CAFFE, backbone);
        assertEquals(53 * 2 + 53 * 4, copied, "53 convolutions (w, b) and 53 BatchNorms (4 arrays)");
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.INFER, DataType.FLOAT, 0);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 1, 3, H, W);
        SDVariable[] c = net.features(x);
        Map<String, INDArray> out = sd.output(Map.of("x", Nd4j.create(ours, new long[] {1, 3, H, W}, 'c')),
                c[1].name(), c[2].name(), c[3].name());
        String[] zooNames = {"res3d_branch", "res4f_branch", "res5c_branch"};
        for (int level = 3; level <= 5; level++) {
            INDArray ref = reference.get(zooNames[level - 3]);
            INDArray got = out.get(c[level - 2].name());
            assertEquals(java.util.Arrays.toString(ref.shape()), java.util.Arrays.toString(got.shape()), "C" + level);
            assertEquals(H >> level, got.size(2), "C" + level + " lies at stride 2^" + level);
            double maxRef = ref.amaxNumber().doubleValue();
            double maxDiff = ref.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(maxRef > 0, "C" + level + " is not all zero");
            System.out.printf(Locale.ROOT, "DL4J zoo ResNet-50 C%d: max |diff| %.3g, max |DL4J| %.3g%n", level,
                    maxDiff, maxRef);
            assertTrue(maxDiff <= TOLERANCE * maxRef, "C" + level + ": max |diff| " + maxDiff + " against max |DL4J| " + maxRef);
        }
        fineTunes(backbone);
    }

    /**
     * A short fine-tuning run from the imported backbone works end to end (Caffe style, frozen
     * BatchNorm, stem and layer1 frozen), and a run that forgets the style is told which to set.
     */
    private void fineTunes(Path backbone) throws Exception {
        List<String> settings = new ArrayList<>(List.of("init=" + backbone, "model.depth=50", "model.width=1",
                "model.norm=frozen", "model.freezeAt=2", "model.fpnChannels=32", "model.headConvs=1", "shapes.train=4",
                "shapes.val=2", "shapes.imageSize=128", "input.height=128", "input.width=128", "batchSize=1",
                "iterations=2", "logEvery=1", "evalEvery=1000", "checkpointEvery=1000", "schedule.warmupIters=1"));
        SedetCliTest.Run wrong = SedetCliTest.run(trainArgs(dir.resolve("wrong-style"), settings));
        assertEquals(2, wrong.code(), wrong.err() + wrong.out());
        assertTrue(wrong.err().contains("caffe-style") && wrong.err().contains("set model.style to caffe"), wrong.err());

        settings.add("model.style=caffe");
        Path run = dir.resolve("finetune");
        SedetCliTest.Run r = SedetCliTest.run(trainArgs(run, settings));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("backbone: "), r.out());
        assertTrue(Files.exists(run.resolve("model.sedet")));
        // frozen stages kept their imported values; the stage after them trained
        DetectorParams start = Checkpoint.load(backbone).params();
        DetectorParams end = Checkpoint.load(run.resolve("model.sedet")).params();
        assertEquals(start.get("backbone.layer1.0.conv1.b"), end.get("backbone.layer1.0.conv1.b"));
        assertTrue(!start.get("backbone.layer2.0.conv1.b").equals(end.get("backbone.layer2.0.conv1.b")),
                "the biases of trained stages train");
    }

    private static String[] trainArgs(Path out, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return args.toArray(String[]::new);
    }

    /**
     * The zoo's configuration as {@code init()} builds it strides by 2 in res2a: every array maps
     * all the same (the values of the file, in our layout), and the import says what it did.
     */
    @Test
    void theZoosOwnConfigurationImportsWithItsStrideReported() throws Exception {
        ComputationGraph zoo = randomized(ResNet50.builder().numClasses(10).build().init(), 11);
        Path zip = dir.resolve("zoo-init.zip");
        ModelSerializer.writeModel(zoo, zip.toFile(), false);
        Path backbone = dir.resolve("zoo-init.sedet");
        BackboneImport.Result r = BackboneImport.fromDl4jZoo(zip, backbone);
        assertTrue(r.note().contains("res2a strides by 2"), r.note());
        assertTrue(r.note().contains("Adler-32 " + Dl4jZooResNet.adler32(zip)), r.note());
        DetectorParams p = Checkpoint.load(backbone).params();
        Map<String, INDArray> zooConv = zoo.getLayer("res4c_branch2b").paramTable();
        assertEquals(zooConv.get("W").permute(2, 3, 1, 0), p.get("backbone.layer3.2.conv2.w"));
        assertEquals(zooConv.get("b").reshape(-1), p.get("backbone.layer3.2.conv2.b"));
        Map<String, INDArray> zooBn = zoo.getLayer("bn3a_branch1").paramTable();
        assertEquals(zooBn.get("gamma").reshape(-1), p.get("backbone.layer2.0.down.bn.gamma"));
        assertEquals(zooBn.get("mean").reshape(-1), p.get("backbone.layer2.0.down.bn.running_mean"));
        INDArray std = zooBn.get("log10stdev").reshape(-1).castTo(DataType.DOUBLE);   // ε 1e-5 both sides
        INDArray var = org.nd4j.linalg.ops.transforms.Transforms.pow(Nd4j.valueArrayOf(std.shape(), 10.0, DataType.DOUBLE), std);
        assertTrue(var.mul(var).castTo(DataType.FLOAT).equalsWithEps(p.get("backbone.layer2.0.down.bn.running_var"), 1e-6));
        Map<String, INDArray> stem = zoo.getLayer("stem-cnn1").paramTable();
        assertEquals(stem.get("W").permute(2, 3, 1, 0), p.get("backbone.stem.conv.w"));
    }

    @Test
    void otherFilesAreInputErrorsNamingTheFile() throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, new byte[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> BackboneImport.fromDl4jZoo(junk, dir.resolve("o.sedet")));
        assertTrue(e.getMessage().contains("junk.zip") && e.getMessage().contains("not a DL4J ComputationGraph"),
                e.getMessage());

        // a ComputationGraph that is not a ResNet-50
        ComputationGraph small = new ComputationGraph(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .graphBuilder().addInputs("in")
                .addLayer("dense", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(2).build(), "in")
                .setOutputs("dense").build());
        small.init();
        Path other = dir.resolve("other.zip");
        ModelSerializer.writeModel(small, other.toFile(), false);
        SedetCliTest.Run r = SedetCliTest.run("import-backbone", "--from", "dl4j-zoo", other.toString(), "--out",
                dir.resolve("o.sedet").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("other.zip") && r.err().contains("not the DL4J zoo's ResNet-50"), r.err());
        assertTrue(!Files.exists(dir.resolve("o.sedet")), "nothing written");
    }
}
