package io.sedet.cli;

import io.sedet.eval.data.InputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.backend.Backends;
import io.sedet.backend.Compute;
import io.sedet.data.TargetEncoder;
import io.sedet.data.TrainBatch;
import io.sedet.eval.json.JsonFiles;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.InferenceGraph;
import io.sedet.model.TrainingGraph;
import io.sedet.predict.PostprocessConfig;
import io.sedet.predict.Postprocessor;
import io.sedet.train.Optimizer;
import io.sedet.train.OptimizerConfig;
import io.sedet.loss.SupervisedLoss;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code sedet bench --backbone resnet18 --size 256 --batch 2 --threads 2}: times a training step
 * (forward, backward, SGD update) and inference (forward, decode, NMS) of the same detector shape
 * as {@code shared/bench/torch_reference.py} (FPN 256, 4-conv head, 9 anchors, 20 classes,
 * random weights, synthetic targets), medians after warm-up. Prints one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchKernelsCommand.class, BenchCheckpointCommand.class},
        description = "Time a training step and inference of a RetinaNet (same shapes as the torchvision peer script).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backbone", defaultValue = "resnet18", description = "resnet18 | resnet34 | resnet50 (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--width", defaultValue = "1.0", description = "Backbone width multiplier (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--fpn", defaultValue = "256", description = "FPN and head channels (default: ${DEFAULT-VALUE}).")
    int fpn;

    @Option(names = "--head-convs", defaultValue = "4", description = "Convs per head tower (default: ${DEFAULT-VALUE}).")
    int headConvs;

    @Option(names = "--size", defaultValue = "256", description = "Square input side, a multiple of 128 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch", defaultValue = "2", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--classes", defaultValue = "20", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--threads", defaultValue = "2", description = "ND4J threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed steps first; ND4J's first ~20 steps are slow (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        int depth = switch (backbone) {
            case "resnet18" -> 18;
            case "resnet34" -> 34;
            case "resnet50" -> 50;
            default -> throw new InputException("--backbone", "must be resnet18, resnet34 or resnet50, got " + backbone);
        };
        if (size % DetectorSpec.SIZE_DIVISOR != 0) {
            throw new InputException("--size", "must be a multiple of " + DetectorSpec.SIZE_DIVISOR + ", got " + size);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        DetectorSpec ds = new DetectorSpec(new BackboneSpec(depth, width), fpn, headConvs, classes, AnchorSpec.retinaNet(), 0.01);
        DetectorParams params = new DetectorParams();
        TrainingGraph train = new TrainingGraph(ds, params, 0,
                new io.sedet.loss.SupervisedObjective(size, size, SupervisedLoss.Config.retinaNet()));
        Optimizer sgd = new Optimizer(new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.001, 0.9, 0, 0.9, 0.999, 1e-8,
                Double.POSITIVE_INFINITY));
        float[] anchors = new AnchorGenerator(ds.anchors()).all(size, size);
        // what runs where goes to stderr: stdout carries the one JSON line
        Compute compute = backendOptions.resolve(null, null, spec.commandLine().getErr());
        TargetEncoder enc = new TargetEncoder(anchors, classes, compute.boxes());
        Random r = new Random(1);
        double[] trainMs = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            TrainBatch b = syntheticBatch(enc, r);
            try (io.sedet.train.StepOutput out = io.sedet.train.SupervisedStep.run(train, b)) {
                sgd.step(params.trainable(), out.gradients(), 0.001);
            }
            if (i >= warmup) {
                trainMs[i - warmup] = (System.nanoTime() - t0) / 1e6;
            }
        }
        InferenceGraph infer = new InferenceGraph(ds, params, size, size);
        Postprocessor post = new Postprocessor(ds.anchors(), size, size, compute.boxes(), PostprocessConfig.retinaNet());
        float[] images = new float[batch * 3 * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        double[] inferMs = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            InferenceGraph.Output o = infer.run(images, batch);
            for (int b = 0; b < batch; b++) {
                post.detections(o, b, 1.0, size, size);
            }
            if (i >= warmup) {
                inferMs[i - warmup] = (System.nanoTime() - t0) / 1e6;
            }
        }
        ObjectNode j = JsonFiles.MAPPER.createObjectNode();
        j.put("impl", "sedet-samediff");
        j.put("backbone", backbone);
        j.put("width", width);
        j.put("size", size);
        j.put("batch", batch);
        j.put("threads", threads);
        j.put("params", params.numParameters());
        j.put("train_step_ms", Math.round(median(trainMs) * 10) / 10.0);
        j.put("infer_ms", Math.round(median(inferMs) * 10) / 10.0);
        j.put("nd4j", Backends.nd4jDescription());
        j.put("kernels", compute.runtime().describe());
        spec.commandLine().getOut().println(j.toString());
        return 0;
    }

    /** Random images with 3 random boxes each, as the peer script does. */
    private TrainBatch syntheticBatch(TargetEncoder enc, Random r) {
        int n = enc.numAnchors();
        float[] images = new float[batch * 3 * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        float[] ct = new float[batch * n * classes];
        float[] cw = new float[batch * n];
        float[] bt = new float[batch * n * 4];
        float[] bw = new float[batch * n];
        int pos = 0;
        for (int b = 0; b < batch; b++) {
            float[] boxes = new float[12];
            int[] labels = new int[3];
            for (int k = 0; k < 3; k++) {
                float x = r.nextFloat() * size * 0.6f;
                float y = r.nextFloat() * size * 0.6f;
                boxes[4 * k] = x;
                boxes[4 * k + 1] = y;
                boxes[4 * k + 2] = Math.min(size - 1, x + 8 + r.nextFloat() * size * 0.35f);
                boxes[4 * k + 3] = Math.min(size - 1, y + 8 + r.nextFloat() * size * 0.35f);
                labels[k] = r.nextInt(classes);
            }
            pos += enc.encode(boxes, labels, b, ct, cw, bt, bw);
        }
        return new TrainBatch(0, batch, size, size, images, ct, cw, bt, bw, pos);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
