package io.sedet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Backends;
import io.sedet.backend.Compute;
import io.sedet.config.OptimizerConfig;
import io.sedet.config.PostprocessConfig;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.data.TargetEncoder;
import io.sedet.data.TrainBatch;
import io.sedet.io.InputException;
import io.sedet.io.JsonFiles;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.InferenceGraph;
import io.sedet.model.ModelEma;
import io.sedet.model.TrainingGraph;
import io.sedet.predict.Postprocessor;
import io.sedet.semisup.SemiBatch;
import io.sedet.semisup.SemiSupervisedStep;
import io.sedet.semisup.SoftTargets;
import io.sedet.semisup.StudentObjective;
import io.sedet.semisup.Teacher;
import io.sedet.semisup.UnlabeledBatch;
import io.sedet.train.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--mode", defaultValue = "supervised", description = {"supervised | sed: sed also times one SED step (sed_step_ms): the",
        "supervised loss on B labeled images, the teacher on B unlabeled ones, the student at full and half size, the",
        "distillation terms, one backward and update, the teacher's EMA update (the peer script's --mode sed)."})
    String mode;

    @Option(names = "--norm", defaultValue = "bn", description = {"bn: BatchNorm trained with batch statistics (training from",
        "scratch); frozen: a fixed affine, nothing of it trained (fine-tuning; torchvision's detection default). The peer",
        "gets the same (default: ${DEFAULT-VALUE})."})
    String norm;

    @Option(names = "--p6-from", defaultValue = "p5", paramLabel = "p5|c5", description = {"Input of P6 (model.p6From):",
        "p5 is the peer's layout (torchvision's LastLevelP6P7(256, 256)); c5 the RetinaNet paper's and the presets', a",
        "3x3 convolution over C5's channels instead of 256 (R50: 4.1 M more parameters) (default: ${DEFAULT-VALUE})."})
    String p6From;

    @Option(names = "--freeze-at", defaultValue = "0", paramLabel = "N", description = {"Backbone stages held fixed",
        "(model.freezeAt: 1 the stem, 2 also layer1, ...; their gradients are not computed). The peer has no such",
        "option: compare with our own run at 0 (default: ${DEFAULT-VALUE})."})
    int freezeAt;

    @Option(names = "--peer", description = {"Also run ../shared/bench/torch_reference.py (needs /usr/bin/python3 with torch) with the same",
        "settings in this run, and print its line and the ratios ours/peer."})
    boolean peer;

    @Option(names = "--peer-script", paramLabel = "FILE", defaultValue = "../shared/bench/torch_reference.py",
            description = "The peer script (default: ${DEFAULT-VALUE}).")
    Path peerScript;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        int depth = depthOf(backbone);
        if (!mode.equals("sed") && !mode.equals("supervised")) {
            throw new InputException("--mode", "must be supervised or sed, got '" + mode + "'");
        }
        if (size % DetectorSpec.SIZE_DIVISOR != 0) {
            throw new InputException("--size", "must be a multiple of " + DetectorSpec.SIZE_DIVISOR + ", got " + size);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        DetectorSpec.Norm normalization = switch (norm) {
            case "bn" -> DetectorSpec.Norm.BATCH;
            case "frozen" -> DetectorSpec.Norm.FROZEN;
            default -> throw new InputException("--norm", "must be bn or frozen, got '" + norm + "'");
        };
        DetectorSpec.P6Source p6 = switch (p6From) {
            case "p5" -> DetectorSpec.P6Source.P5;
            case "c5" -> DetectorSpec.P6Source.C5;
            default -> throw new InputException("--p6-from", "must be p5 or c5, got '" + p6From + "'");
        };
        DetectorSpec ds = DetectorSpec.retinaNet(new BackboneSpec(depth, width), fpn, headConvs, classes)
                .withP6(p6).withNorm(normalization).withFreezeAt(freezeAt);
        DetectorParams params = new DetectorParams();
        TrainingGraph train = new TrainingGraph(ds, params, 0,
                new io.sedet.loss.SupervisedObjective(size, size, SupervisedLoss.Config.retinaNet()));
        Optimizer sgd = new Optimizer(new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.001, 0.9, 0, 0.9, 0.999, 1e-8,
                Double.POSITIVE_INFINITY), ds::frozen, ds::halfViewOnly);
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
        double trainPeakRss = peakRssMb();
        double trainPoolMb = train.pool().stats().newBytes() / 1048576.0;
        double sedMs = mode.equals("sed") ? sedStep(ds, params, sgd, enc, compute, r) : Double.NaN;
        // the training arrays are not needed for inference (the peer's are freed when its loop ends)
        train.pool().close();
        InferenceGraph infer = new InferenceGraph(ds, params, size, size);
        Postprocessor post = new Postprocessor(ds.anchors(), size, size, compute.boxes(), PostprocessConfig.retinaNet());
        float[] images = new float[batch * 3 * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        double[] inferMs = new double[steps];
        double[] postMs = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            InferenceGraph.Output o = infer.run(images, batch);
            long t1 = System.nanoTime();
            for (int b = 0; b < batch; b++) {
                post.detections(o, b, 1.0, new io.sedet.data.ImageSize(size, size));
            }
            if (i >= warmup) {
                inferMs[i - warmup] = (System.nanoTime() - t0) / 1e6;
                postMs[i - warmup] = (System.nanoTime() - t1) / 1e6;
            }
        }
        ObjectNode j = JsonFiles.MAPPER.createObjectNode();
        j.put("impl", "sedet-samediff");
        j.put("backbone", backbone);
        j.put("width", width);
        j.put("size", size);
        j.put("batch", batch);
        j.put("threads", threads);
        j.put("norm", norm);
        j.put("freeze_at", freezeAt);
        j.put("p6_from", p6From);
        j.put("params", params.numParameters());
        j.put("train_step_ms", Math.round(median(trainMs) * 10) / 10.0);
        j.put("infer_ms", Math.round(median(inferMs) * 10) / 10.0);
        j.put("infer_postprocess_ms", Math.round(median(postMs) * 10) / 10.0);   // decode + NMS, part of infer_ms
        if (!Double.isNaN(sedMs)) {
            j.put("sed_step_ms", Math.round(sedMs * 10) / 10.0);
        }
        j.put("peak_rss_mb", peakRssMb());
        // where the memory goes: the peak after the supervised steps alone, and the native arrays
        // of one supervised step (the training graph's pool: activations, gradients, workspace)
        j.put("train_peak_rss_mb", trainPeakRss);
        j.put("train_pool_mb", Math.round(trainPoolMb * 10) / 10.0);
        j.put("nd4j", Backends.nd4jDescription());
        j.put("kernels", compute.runtime().describe());
        spec.commandLine().getOut().println(j.toString());
        if (peer) {
            runPeer(j);
        }
        return 0;
    }

    /**
     * Median milliseconds of one SED step through the project's own classes: {@link StudentObjective}
     * in a {@link TrainingGraph} (labeled and strong view in one pass, the half view in another),
     * the {@link Teacher} on the weak view, {@link SoftTargets}, the optimizer update and the
     * teacher's EMA update. The unlabeled images are random and u_s = u_w (the photometric strong
     * augmentation is data-side, as in the peer); u_s↓ is made inside the timed step, as the peer does.
     */
    private double sedStep(DetectorSpec ds, DetectorParams params, Optimizer sgd, TargetEncoder enc, Compute compute,
                           Random r) {
        SemiSupervisedConfig semi = io.sedet.config.TrainConfig.preset("shapes-small", Map.of("semi.method", "sed")).semi();
        StudentObjective objective = new StudentObjective(semi, SupervisedLoss.Config.retinaNet(), size, size, batch, batch);
        TrainingGraph student = new TrainingGraph(ds, params, 0, objective);
        ModelEma ema = new ModelEma(0.9996, params);
        Teacher teacher = new Teacher(ds, ema.params(), size, size);
        float[] unl = new float[batch * 3 * size * size];
        for (int i = 0; i < unl.length; i++) {
            unl[i] = (float) r.nextGaussian();
        }
        int[] sides = new int[batch];
        Arrays.fill(sides, size);
        double[] ms = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            TrainBatch b = syntheticBatch(enc, r);
            long t0 = System.nanoTime();
            float[] half = new float[batch * 3 * (size / 2) * (size / 2)];
            int one = 3 * size * size;
            for (int k = 0; k < batch; k++) {
                System.arraycopy(compute.images().resize(Arrays.copyOfRange(unl, k * one, (k + 1) * one), 3, size, size,
                        size / 2, size / 2), 0, half, k * one / 4, one / 4);
            }
            UnlabeledBatch u = new UnlabeledBatch(i, batch, size, size, unl, unl, half, sides, sides);
            Map<String, INDArray> inputs = SemiSupervisedStep.studentInputs(new SemiBatch(b, u), objective, teacher,
                    new SoftTargets(), new LinkedHashMap<>());
            TrainingGraph.Result res = student.step(inputs);
            inputs.values().forEach(INDArray::close);
            sgd.step(params.trainable(), res.gradients(), 0.001);
            res.close();
            ema.update(params, 1_000_000 + i);
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
            }
        }
        student.pool().close();
        teacher.releaseMemory();
        return median(ms);
    }

    /** The ResNet depth of a {@code --backbone} name. */
    static int depthOf(String backbone) {
        return switch (backbone) {
            case "resnet18" -> 18;
            case "resnet34" -> 34;
            case "resnet50" -> 50;
            default -> throw new InputException("--backbone", "must be resnet18, resnet34 or resnet50, got " + backbone);
        };
    }

    /** Peak resident memory of this process (VmHWM), in MB; -1 where /proc is not there. */
    static double peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 102.4) / 10.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** Runs the peer script with the same settings and prints its line and the ratios. */
    private void runPeer(ObjectNode ours) throws Exception {
        if (!java.nio.file.Files.isRegularFile(peerScript)) {
            throw new InputException(peerScript, "no such peer script (give --peer-script FILE)");
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", peerScript.toString(),
                "--backbone", backbone, "--size", Integer.toString(size), "--batch", Integer.toString(batch),
                "--threads", Integer.toString(threads), "--classes", Integer.toString(classes), "--mode", mode,
                "--norm", norm));
        // Linux keeps a process's peak RSS across exec, and a child spawned by this JVM starts from
        // the JVM's: a shell in between forks the peer from its own small image, so the peer's
        // peak_rss_mb is its own
        java.util.List<String> viaShell = new java.util.ArrayList<>(java.util.List.of("/bin/sh", "-c", "\"$0\" \"$@\"; exit $?"));
        viaShell.addAll(cmd);
        Process p = new ProcessBuilder(viaShell).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new InputException(peerScript, "the peer failed (is python3-torch installed?): "
                    + out.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        String line = out.strip().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new InputException(peerScript, "printed no JSON line"));
        com.fasterxml.jackson.databind.JsonNode theirs = JsonFiles.MAPPER.readTree(line);
        spec.commandLine().getOut().println(line);
        ObjectNode ratio = JsonFiles.MAPPER.createObjectNode();
        for (String k : java.util.List.of("train_step_ms", "infer_ms", "sed_step_ms", "peak_rss_mb")) {
            if (ours.has(k) && theirs.has(k) && theirs.get(k).asDouble() > 0) {
                ratio.put(k.replace("_ms", "").replace("_mb", "") + "_ratio",
                        Math.round(ours.get(k).asDouble() / theirs.get(k).asDouble() * 1000) / 1000.0);
            }
        }
        ratio.put("peer_norm", theirs.path("norm").asText());
        spec.commandLine().getOut().println(ratio.toString());
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
