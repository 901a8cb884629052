package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.ImageDecoder;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Detection;
import io.sedet.io.InputException;
import io.sedet.predict.DetectionDrawing;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** {@code sedet predict --model M --images DIR|FILE --out DIR}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Detect objects in images. Writes OUT/detections.json (COCO results; image_id is the file name",
            "without extension, or the whole file name where two inputs share a stem; category_id the 1-based class",
            "index) and OUT/<image_id>.png with the boxes drawn. An input file is never overwritten."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint.")
    Path model;

    @Option(names = "--images", required = true, paramLabel = "DIR|FILE", description = "An image or a folder of images.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--draw-score", defaultValue = "0.3", description = "Draw detections scoring at least this (default: ${DEFAULT-VALUE}).")
    double drawScore;

    @Option(names = "--batch", defaultValue = "4", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        DetectorModel m = DetectorModel.load(model);
        Compute compute = backendOptions.resolve(m.config().backend(), m.config().openclDevice(), spec.commandLine().getOut());
        Predictor predictor = m.predictor(PostprocessConfig.retinaNet(), batch, compute);
        List<Path> files = imageFiles(images);
        List<String> names = imageIds(files);
        refuseOverwritingInputs(files, names, out);
        Files.createDirectories(out);
        List<Detection> all = new ArrayList<>();
        io.sedet.train.ProgressView progress = files.size() > batch ? TerminalProgress.forConsole()
                : io.sedet.train.ProgressView.LINES;
        progress.begin("predict", 0, files.size());
        for (int start = 0; start < files.size(); start += batch) {
            List<Path> chunk = files.subList(start, Math.min(files.size(), start + batch));
            List<String> ids = new ArrayList<>();
            List<BufferedImage> imgs = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                ids.add(names.get(start + i));
                imgs.add(ImageDecoder.read(chunk.get(i)));
            }
            List<Detection> dets = predictor.predict(ids, imgs);
            all.addAll(dets);
            for (int i = 0; i < chunk.size(); i++) {
                String id = ids.get(i);
                List<Detection> mine = dets.stream().filter(d -> d.imageId().equals(id)).toList();
                ImageIO.write(DetectionDrawing.draw(imgs.get(i), mine, m.classNames(), drawScore), "png",
                        out.resolve(id + ".png").toFile());
            }
            progress.step(start + chunk.size(), all.size() + " detections");
        }
        progress.close();
        CocoJson.writeResults(out.resolve("detections.json"), all, false);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d images, %d detections (%d at score >= %.2f) -> %s%n",
                files.size(), all.size(), all.stream().filter(d -> d.score() >= drawScore).count(), drawScore, out);
        return 0;
    }

    static List<Path> imageFiles(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new InputException(p, "no such image file or folder");
        }
        try (Stream<Path> s = Files.list(p)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|gif)$"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new InputException(p, "holds no .jpg, .png, .bmp or .gif images");
            }
            return files;
        }
    }

    /**
     * One id per file, unique: the name without its extension, or the whole name where two files
     * share a stem ({@code a.jpg} and {@code a.png} become {@code a.jpg} and {@code a.png}).
     */
    static List<String> imageIds(List<Path> files) {
        java.util.Map<String, Integer> stems = new java.util.HashMap<>();
        for (Path f : files) {
            stems.merge(stem(f), 1, Integer::sum);
        }
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            String st = stem(f);
            ids.add(stems.get(st) > 1 ? f.getFileName().toString() : st);
        }
        return ids;
    }

    /** Refuses an output folder where a drawing or detections.json would replace one of the inputs. */
    static void refuseOverwritingInputs(List<Path> files, List<String> ids, Path out) throws IOException {
        java.util.Set<Path> inputs = new java.util.HashSet<>();
        for (Path f : files) {
            inputs.add(f.toAbsolutePath().normalize());
            inputs.add(f.toRealPath()); // the same file through a link
        }
        List<Path> outputs = new ArrayList<>();
        outputs.add(out.resolve("detections.json"));
        for (String id : ids) {
            outputs.add(out.resolve(id + ".png"));
        }
        for (Path o : outputs) {
            Path abs = o.toAbsolutePath().normalize();
            if (inputs.contains(abs) || (Files.exists(abs) && inputs.contains(abs.toRealPath()))) {
                throw new InputException(out, "writing " + o.getFileName() + " there would overwrite the input image "
                        + abs + "; choose another --out");
            }
        }
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
