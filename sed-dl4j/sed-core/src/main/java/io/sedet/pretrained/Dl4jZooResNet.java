package io.sedet.pretrained;

import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.model.BackboneSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

/**
 * The DL4J zoo's ResNet-50 (a {@link ComputationGraph}, e.g. {@code resnet50_dl4j_inference.v3.zip})
 * → this project's {@link BackboneSpec.Style#CAFFE} ResNet-50. Both are the paper's ResNet v1
 * (a bottleneck strides in its first 1×1 convolution; convolutions with biases), so the weights
 * map one to one, by the zoo's layer names (which are Keras'):
 * <pre>
 *   stem-cnn1 | conv1                 → backbone.stem.conv.{w,b}       W [O, I, kH, kW] → [kH, kW, I, O]
 *   stem-batch1 | bn_conv1            → backbone.stem.bn.*
 *   res{S}{x}_branch2a|2b|2c          → backbone.layer{S−1}.{i}.conv1|conv2|conv3.{w,b}   (x = a, b, …: block i)
 *   bn{S}{x}_branch2a|2b|2c           → backbone.layer{S−1}.{i}.bn1|bn2|bn3.*
 *   res{S}a_branch1, bn{S}a_branch1   → backbone.layer{S−1}.0.down.conv, .down.bn
 * </pre>
 * BatchNorm {@code gamma, beta, mean} map as they are; the variance is stored as {@code var} or
 * (DL4J's default since 1.0.0-beta4) {@code log10stdev} = log10 √var, and is shifted by the
 * layer's ε minus ours, so that {@code √(var + ε)} — what normalises — is unchanged.
 *
 * <p>Every convolution's kernel and stride is checked against the architecture. One difference is
 * accepted and reported: the zoo's {@code ResNet50} configuration (1.0.0-M2.1) strides by 2 in
 * {@code res2a}, where the paper and Keras stride by 1. The detector keeps the paper's stride, so
 * that C3..C5 lie at strides 8..32 as the FPN needs; a stride changes no weight.
 */
public final class Dl4jZooResNet {
    /**
     * Adler-32 of the published {@code resnet50_dl4j_inference.v3.zip}, as the zoo's
     * {@code ResNet50.pretrainedChecksum(IMAGENET)} gives it.
     */
    public static final long PUBLISHED_ADLER32 = 3914447815L;

    /** Blocks of stages 2..5 of a ResNet-50. */
    private static final int[] BLOCKS = {3, 4, 6, 3};

    /**
     * What the conversion found.
     *
     * @param arrays        arrays written
     * @param stage2Stride  the stride of the file's {@code res2a} (1: the paper's; 2: the zoo's configuration)
     */
    public record Found(int arrays, int stage2Stride) {
    }

    private Dl4jZooResNet() {
    }

    /** The graph in a DL4J model zip (its updater state is not read). */
    public static ComputationGraph load(Path file) {
        InputFiles.requireReadableFile(file);
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, "not a DL4J ComputationGraph model zip: " + e.getMessage());
        }
    }

    /** Adler-32 of the file's bytes (the checksum DL4J's zoo publishes). */
    public static long adler32(Path file) throws IOException {
        Adler32 sum = new Adler32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sum.update(buf, 0, n);
            }
        }
        return sum.getValue();
    }

    /**
     * Our backbone's parameters from {@code graph} (read from {@code file}, named in errors).
     *
     * @param trainable receives convolution weights and biases, BatchNorm γ and β
     * @param running   receives BatchNorm running means and variances
     */
    public static Found convert(ComputationGraph graph, Path file, Map<String, INDArray> trainable,
                                Map<String, INDArray> running) {
        Reader r = new Reader(graph, file, trainable, running);
        r.conv(r.name("stem-cnn1", "conv1"), "backbone.stem.conv", 7, 2);
        r.bn(r.name("stem-batch1", "bn_conv1"), "backbone.stem.bn");
        int stage2Stride = 0;
        for (int s = 0; s < 4; s++) {
            int stage = s + 2;
            for (int i = 0; i < BLOCKS[s]; i++) {
                String theirs = stage + String.valueOf((char) ('a' + i)) + "_branch";
                String ours = "backbone.layer" + (s + 1) + "." + i;
                int stride = i > 0 ? 1 : s == 0 ? r.stride("res" + theirs + "2a") : 2;
                if (s == 0 && i == 0) {
                    if (stride != 1 && stride != 2) {
                        throw new InputException(file, "res" + theirs + "2a strides by " + stride
                                + "; a ResNet-50 strides there by 1 (or 2, as the DL4J zoo's configuration does)");
                    }
                    stage2Stride = stride;
                }
                r.conv("res" + theirs + "2a", ours + ".conv1", 1, stride);
                r.bn("bn" + theirs + "2a", ours + ".bn1");
                r.conv("res" + theirs + "2b", ours + ".conv2", 3, 1);
                r.bn("bn" + theirs + "2b", ours + ".bn2");
                r.conv("res" + theirs + "2c", ours + ".conv3", 1, 1);
                r.bn("bn" + theirs + "2c", ours + ".bn3");
                if (i == 0) {
                    r.conv("res" + theirs + "1", ours + ".down.conv", 1, stride);
                    r.bn("bn" + theirs + "1", ours + ".down.bn");
                }
            }
        }
        return new Found(trainable.size() + running.size(), stage2Stride);
    }

    /** Reads and checks layers of one graph. */
    private static final class Reader {
        private final ComputationGraph graph;
        private final Path file;
        private final Map<String, INDArray> trainable;
        private final Map<String, INDArray> running;

        Reader(ComputationGraph graph, Path file, Map<String, INDArray> trainable, Map<String, INDArray> running) {
            this.graph = graph;
            this.file = file;
            this.trainable = trainable;
            this.running = running;
        }

        /** The first of {@code names} the graph has. */
        String name(String... names) {
            for (String n : names) {
                if (has(n)) {
                    return n;
                }
            }
            throw new InputException(file, "has no layer " + String.join(" or ", names)
                    + ": not the DL4J zoo's ResNet-50 (layers: " + layerNames() + ")");
        }

        private String layerNames() {
            List<String> all = Arrays.stream(graph.getLayers()).map(l -> l.conf().getLayer().getLayerName()).toList();
            return String.join(", ", all.subList(0, Math.min(8, all.size()))) + (all.size() > 8 ? ", ..." : "");
        }

        private boolean has(String name) {
            return graph.getConfiguration().getVertices().get(name) instanceof LayerVertex;
        }

        private Layer layer(String name) {
            if (!has(name)) {
                throw new InputException(file, "has no layer " + name + ": not the DL4J zoo's ResNet-50 (layers: "
                        + layerNames() + ")");
            }
            return graph.getLayer(name);
        }

        private <T> T config(String name, Class<T> type) {
            org.deeplearning4j.nn.conf.layers.Layer c = layer(name).conf().getLayer();
            if (c instanceof FrozenLayer f) {
                c = f.getLayer();
            } else if (c instanceof BaseWrapperLayer w) {
                c = w.getUnderlying();
            }
            if (!type.isInstance(c)) {
                throw new InputException(file, "layer " + name + " is a " + c.getClass().getSimpleName() + ", not a "
                        + type.getSimpleName());
            }
            return type.cast(c);
        }

        int stride(String name) {
            return config(name, ConvolutionLayer.class).getStride()[0];
        }

        /** Convolution {@code name} (k×k, stride) → {@code ours}.w (YXIO) and .b. */
        void conv(String name, String ours, int k, int stride) {
            ConvolutionLayer c = config(name, ConvolutionLayer.class);
            int[] ks = c.getKernelSize();
            int[] st = c.getStride();
            int[] dil = c.getDilation();
            if (ks[0] != k || ks[1] != k || st[0] != stride || st[1] != stride || dil[0] != 1 || dil[1] != 1) {
                throw new InputException(file, "layer " + name + " is a " + ks[0] + "x" + ks[1] + " convolution with stride "
                        + st[0] + "x" + st[1] + " and dilation " + dil[0] + "x" + dil[1] + "; a ResNet-50 has " + k + "x" + k
                        + " with stride " + stride + " there");
            }
            if (k == 3 && c.getConvolutionMode() != ConvolutionMode.Same && (c.getPadding()[0] != 1 || c.getPadding()[1] != 1)) {
                throw new InputException(file, "layer " + name + " pads its 3x3 convolution by "
                        + Arrays.toString(c.getPadding()) + " in mode " + c.getConvolutionMode() + "; a ResNet pads by 1");
            }
            INDArray w = param(name, "W");
            if (w.rank() != 4) {
                throw new InputException(file, "layer " + name + ": weights of shape " + Arrays.toString(w.shape())
                        + ", not [out, in, kH, kW]");
            }
            trainable.put(ours + ".w", w.permute(2, 3, 1, 0).dup('c'));      // OIHW -> HWIO (YXIO)
            long out = w.size(0);
            INDArray b = c.hasBias() ? param(name, "b").reshape(out).dup() : Nd4j.zeros(DataType.FLOAT, out);
            trainable.put(ours + ".b", b);
        }

        /** BatchNorm {@code name} → {@code ours}.gamma, .beta, .running_mean, .running_var. */
        void bn(String name, String ours) {
            BatchNormalization c = config(name, BatchNormalization.class);
            if (c.isLockGammaBeta()) {
                throw new InputException(file, "layer " + name + " locks gamma and beta; the zoo's ResNet-50 does not");
            }
            INDArray gamma = param(name, "gamma");
            long n = gamma.length();
            trainable.put(ours + ".gamma", gamma.reshape(n).dup());
            trainable.put(ours + ".beta", param(name, "beta").reshape(n).dup());
            running.put(ours + ".running_mean", param(name, "mean").reshape(n).dup());
            INDArray var;
            if (c.isUseLogStd()) {
                INDArray std = Transforms.pow(Nd4j.valueArrayOf(new long[] {n}, 10.0, DataType.FLOAT),
                        param(name, "log10stdev").reshape(n).castTo(DataType.FLOAT), false);
                var = std.mul(std);
            } else {
                var = param(name, "var").reshape(n).dup();
            }
            // √(var + ε) is what normalises: keep it with our ε
            // (clipped at 0: exact unless var + ε is below our ε)
            running.put(ours + ".running_var", Transforms.max(var.add(c.getEps() - BackboneSpec.BN_EPS), 0.0, false));
        }

        private INDArray param(String layer, String key) {
            INDArray p = layer(layer).paramTable().get(key);
            if (p == null) {
                throw new InputException(file, "layer " + layer + " has no parameter " + key + " (it has "
                        + layer(layer).paramTable().keySet() + ")");
            }
            return p.castTo(DataType.FLOAT);
        }
    }
}
