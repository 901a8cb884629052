package io.sedet.pretrained;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns pretrained backbone weights into a backbone file that training starts from
 * ({@code init=B.sedet}): a checkpoint holding only {@code backbone.*} arrays, each checked against
 * the shape this project's ResNet of that depth (width 1) expects.
 */
public final class BackboneImport {
    /** What an import wrote; {@code note} says what the user should know about the source, or is null. */
    public record Result(int arrays, long parameters, String note) {
    }

    private BackboneImport() {
    }

    /** torchvision ResNet-{@code depth} weights (safetensors) → {@code out}. */
    public static Result fromTorchvision(Path safetensors, int depth, Path out) throws IOException {
        if (depth != 18 && depth != 34 && depth != 50) {
            throw new InputException("depth", "must be 18, 34 or 50, not " + depth);
        }
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        Map<String, INDArray> running = new LinkedHashMap<>();
        TorchvisionResNet.convert(SafeTensors.read(safetensors), depth, safetensors, trainable, running);
        return write(BackboneSpec.Style.TORCHVISION, depth, trainable, running, safetensors, out, null);
    }

    /**
     * The DL4J zoo's ResNet-50 (a ComputationGraph zip, {@link Dl4jZooResNet}) → {@code out}, a
     * {@link BackboneSpec.Style#CAFFE} backbone.
     */
    public static Result fromDl4jZoo(Path zip, Path out) throws IOException {
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        Map<String, INDArray> running = new LinkedHashMap<>();
        Dl4jZooResNet.Found found = Dl4jZooResNet.convert(Dl4jZooResNet.load(zip), zip, trainable, running);
        long sum = Dl4jZooResNet.adler32(zip);
        String note = (sum == Dl4jZooResNet.PUBLISHED_ADLER32
                ? "Adler-32 " + sum + ": the published resnet50_dl4j_inference.v3.zip"
                : "Adler-32 " + sum + " (the published resnet50_dl4j_inference.v3.zip has "
                        + Dl4jZooResNet.PUBLISHED_ADLER32 + "; another file of the same architecture)")
                + (found.stage2Stride() == 2
                        ? "; its res2a strides by 2 (the zoo's configuration): the detector strides there by 1, as the "
                                + "ResNet paper and Keras do, so that C3..C5 lie at strides 8..32 (same weights)"
                        : "");
        return write(BackboneSpec.Style.CAFFE, 50, trainable, running, zip, out, note);
    }

    private static Result write(BackboneSpec.Style style, int depth, Map<String, INDArray> trainable,
                                Map<String, INDArray> running, Path source, Path out, String note) throws IOException {
        TrainConfig config = backboneConfig(depth, style);
        check(config, trainable, running, source, depth);
        DetectorParams params = DetectorParams.of(trainable, running);
        Checkpoint.save(out, new Checkpoint.Content(0, List.of(), config, params, Map.of(), 0, Map.of()));
        long n = trainable.values().stream().mapToLong(INDArray::length).sum();
        return new Result(trainable.size() + running.size(), n, note);
    }

    /**
     * The config stored with a backbone file: the default preset with this ResNet at width 1 (its
     * {@code model.style} is what a run that starts from the file must use).
     */
    static TrainConfig backboneConfig(int depth, BackboneSpec.Style style) {
        return TrainConfig.preset("shapes-small", Map.of("model.depth", Integer.toString(depth), "model.width", "1",
                "model.style", style.key()));
    }

    /** Every backbone array of our ResNet-{@code depth} is there with its shape, and nothing else. */
    private static void check(TrainConfig config, Map<String, INDArray> trainable, Map<String, INDArray> running,
                              Path file, int depth) {
        DetectorSpec spec = config.detectorSpec(1);
        DetectorParams reference = DetectorParams.initial(spec, config.input().height(), config.input().width());
        Map<String, INDArray> expected = new LinkedHashMap<>(reference.trainable());
        expected.putAll(reference.running());
        Map<String, INDArray> got = new LinkedHashMap<>(trainable);
        got.putAll(running);
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            if (!e.getKey().startsWith("backbone.")) {
                continue;
            }
            INDArray a = got.get(e.getKey());
            if (a == null) {
                throw new InputException(file, "gives no " + e.getKey() + " for a ResNet-" + depth);
            }
            if (!Arrays.equals(a.shape(), e.getValue().shape())) {
                throw new InputException(file, "the array for " + e.getKey() + " has shape "
                        + Arrays.toString(a.shape()) + ", a ResNet-" + depth + " has " + Arrays.toString(e.getValue().shape())
                        + " (is the depth right?)");
            }
        }
    }
}
