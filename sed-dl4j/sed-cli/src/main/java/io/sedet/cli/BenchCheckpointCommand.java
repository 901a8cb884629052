package io.sedet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.io.JsonFiles;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sedet bench checkpoint --backbone resnet50}: saves and loads a training checkpoint of a
 * RetinaNet (FPN 256, 4-conv head, 80 classes, 768x1024, the coco-r50 preset's detector) with
 * AdamW state (two arrays per parameter) and a model EMA, as training does, and prints the median
 * times and the file size as one JSON line.
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Time saving and loading a training checkpoint (parameters, AdamW state, EMA) of a RetinaNet.")
public final class BenchCheckpointCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backbone", defaultValue = "resnet50", description = "resnet18 | resnet34 | resnet50 (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to write the checkpoint in (default: the system temporary folder).")
    Path dir;

    @Option(names = "--reps", defaultValue = "3", description = "Timed save/load pairs (default: ${DEFAULT-VALUE}).")
    int reps;

    @Override
    public Integer call() throws Exception {
        int depth = BenchCommand.depthOf(backbone);
        DetectorSpec detector = DetectorSpec.retinaNet(new BackboneSpec(depth, 1.0), 256, 4, 80);
        DetectorParams params = DetectorParams.initial(detector, 768, 1024, 1);
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        Map<String, INDArray> ema = new LinkedHashMap<>();
        params.trainable().forEach((k, v) -> {
            optimizer.put("m/" + k, v.mul(0.1));
            optimizer.put("v/" + k, v.mul(v));
            ema.put("trainable/" + k, v.dup());
        });
        params.running().forEach((k, v) -> ema.put("running/" + k, v.dup()));
        TrainConfig config = TrainConfig.preset("coco-r50", Map.of());
        Checkpoint.Content c = new Checkpoint.Content(1000, List.of("x"), config, params, optimizer, 1000, ema);
        Path folder = Files.createTempDirectory(dir != null ? Files.createDirectories(dir) : Path.of(System.getProperty("java.io.tmpdir")),
                "sedet-bench-ckpt");
        Path file = folder.resolve("last.ckpt");
        List<Double> saves = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        long bytes = 0;
        try {
            for (int r = 0; r < reps + 1; r++) {
                long t0 = System.nanoTime();
                Checkpoint.save(file, c);
                long t1 = System.nanoTime();
                Checkpoint.Content back = Checkpoint.load(file);
                long t2 = System.nanoTime();
                bytes = Files.size(file);
                if (back.params().trainable().size() != params.trainable().size()) {
                    throw new IllegalStateException("the checkpoint did not load back");
                }
                if (r > 0) { // the first pair warms the JIT and the page cache
                    saves.add((t1 - t0) / 1e6);
                    loads.add((t2 - t1) / 1e6);
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("backbone", backbone);
        o.put("params", params.numParameters());
        o.put("arrays", params.trainable().size() + params.running().size() + optimizer.size() + ema.size());
        o.put("file_mb", bytes / 1e6);
        o.put("save_ms", median(saves));
        o.put("load_ms", median(loads));
        o.put("save_load_ms", median(saves) + median(loads));
        spec.commandLine().getOut().println(JsonFiles.MAPPER.writeValueAsString(o));
        return 0;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a[a.length / 2];
    }
}
