package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.FileDatasetSource;
import io.sedet.data.ImageFolderSource;
import io.sedet.data.Sample;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.ImageInfo;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.io.JsonFiles;
import io.sedet.predict.DetectionDrawing;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.PredictedBox;
import io.sedet.predict.Predictor;
import io.sedet.predict.SourceEvaluation;
import io.sedet.train.FolderLock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;

/** {@code sedet predict --model M --images DIR|FILE|LIST.txt | --data D [--image-set NAME] --out DIR}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Detect objects in images. Writes OUT/detections.json (a COCO results list), OUT/categories.json",
            "(the COCO categories its category_id refers to) and, unless --no-images, OUT/<image_id>.png with the boxes",
            "drawn. With --data the ids are the dataset's (VOC ids, COCO image and category ids), so the file goes",
            "straight into eval coco / eval voc; with --images image_id is the file name without extension (the whole",
            "name where two inputs share a stem) and category_id the 1-based index in the model's classes.",
            "An input file is never overwritten. Unreadable images of a folder or list are skipped, each named on",
            "standard error, and the exit code is then 4; a bad image of a --data set is an error (exit code 2)."})
public final class PredictCommand implements Callable<Integer> {
    /**
     * Exit code of a run over a folder or list where some inputs could not be read: each was named
     * on standard error and left out, every other image has its detections.
     */
    public static final int EXIT_SKIPPED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint.")
    Path model;

    /** What to predict: images, or a dataset's image set. */
    static final class Inputs {
        @Option(names = "--images", required = true, paramLabel = "DIR|FILE|LIST.txt",
                description = "An image, a folder of images, or a .txt list of image paths (one per line, relative to the list).")
        Path images;

        @Option(names = "--data", required = true, paramLabel = "D",
                description = "voc:ROOT | coco:GT.json,IMAGEDIR | shapes: the images of one image set, ids as the dataset's.")
        String data;
    }

    @ArgGroup(multiplicity = "1")
    Inputs inputs;

    @Option(names = "--image-set", paramLabel = "NAME",
            description = "With --data voc:ROOT, ImageSets/Main/NAME.txt (default: the model's voc.valSet); shapes: val or test.")
    String imageSet;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    PostprocessOptions postprocessOptions = new PostprocessOptions();

    @Option(names = "--no-images", description = "Write no drawings, only the JSON files.")
    boolean noImages;

    @Option(names = "--draw-score", defaultValue = "0.3", description = "Draw detections scoring at least this (default: ${DEFAULT-VALUE}).")
    double drawScore;

    @Option(names = "--batch", defaultValue = "4", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        if (inputs.images != null && imageSet != null) {
            throw new InputException("--image-set", "applies to --data; --images names its images itself");
        }
        DetectorModel m = DetectorModel.load(model);
        PostprocessConfig post = postprocessOptions.apply(m.config().evaluation());
        PrintWriter console = spec.commandLine().getOut();
        Compute compute = backendOptions.resolve(m.config().backend(), m.config().openclDevice(), console);
        Predictor predictor = m.predictor(post, batch, compute);
        DetectionSource source = inputs.images != null ? ImageFiles.open(inputs.images, m.classNames())
                : AnalysisOptions.validation(m, inputs.data, imageSet);
        refuseOverwritingInputs(inputFiles(source), source, out);
        try (FolderLock held = FolderLock.acquire(out, console::println)) {   // one predict per --out
            return predict(m, predictor, source, post, console);
        }
    }

    private int predict(DetectorModel m, Predictor predictor, DetectionSource source, PostprocessConfig post,
                        PrintWriter console) throws IOException {
        console.println(describe(source, post));

        List<Detection> all = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        io.sedet.train.ProgressView progress = source.size() > batch ? TerminalProgress.forConsole()
                : io.sedet.train.ProgressView.LINES;
        progress.begin("predict", 0, source.size());
        for (int start = 0; start < source.size(); start += batch) {
            List<Sample> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(source.size(), start + batch); i++) {
                try {
                    chunk.add(source.get(i));
                } catch (InputException e) {
                    if (!(source instanceof ImageFolderSource) || !Files.isDirectory(inputs.images)
                            && !ImageFiles.isList(inputs.images)) {
                        // one image named on its own, or a dataset's image set: a bad file is an error
                        throw e;
                    }
                    // a folder or list of the user's images: the others still get their detections
                    spec.commandLine().getErr().println("sedet: warning: skipped " + e.getMessage());
                    skipped.add(source.id(i));
                }
            }
            List<List<PredictedBox>> dets = chunk.isEmpty() ? List.of()
                    : predictor.predict(chunk.stream().map(Sample::image).toList());
            for (int i = 0; i < chunk.size(); i++) {
                Sample sample = chunk.get(i);
                List<PredictedBox> mine = dets.get(i);
                for (PredictedBox d : mine) {
                    all.add(SourceEvaluation.inDatasetTerms(sample.id(), d, source));
                }
                if (!noImages) {
                    ImageIO.write(DetectionDrawing.draw(sample.image(), mine, m.classNames(), drawScore), "png",
                            out.resolve(sample.id() + ".png").toFile());
                }
            }
            progress.step(Math.min(source.size(), start + batch), all.size() + " detections");
        }
        progress.close();
        boolean numericIds = source instanceof FileDatasetSource f && f.dataset().numericImageIds();
        writeCategories(out.resolve("categories.json"), source);
        CocoJson.writeResults(out.resolve("detections.json"), all, numericIds);
        console.printf(Locale.ROOT, "%d images, %d detections (%d at score >= %.2f) -> %s%n",
                source.size() - skipped.size(), all.size(), all.stream().filter(d -> d.score() >= drawScore).count(),
                drawScore, out);
        if (!skipped.isEmpty() && skipped.size() == source.size()) {
            throw new InputException(inputs.images, "none of its " + source.size() + " images could be read (each named above)");
        }
        if (!skipped.isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "sedet: %d of %d inputs skipped (unreadable; named above): "
                    + "exit code %d%n", skipped.size(), source.size(), EXIT_SKIPPED);
            spec.commandLine().getErr().flush();
            return EXIT_SKIPPED;
        }
        return 0;
    }

    /** One line on what the ids in detections.json mean and what was kept. */
    private static String describe(DetectionSource source, PostprocessConfig p) {
        String ids = source instanceof FileDatasetSource f
                ? "image_id and category_id are the dataset's (" + (f.dataset().numericImageIds() ? "COCO" : "VOC") + " ids)"
                : "image_id: the file name without extension; category_id: the 1-based index in the model's classes";
        return String.format(Locale.ROOT, "predicting %d images: %s, see categories.json; kept: score > %s, NMS IoU %s, "
                + "at most %d per image", source.size(), ids, p.scoreThreshold(), p.nmsThreshold(), p.detectionsPerImage());
    }

    /** The COCO categories list of the source: its category id and name of every class. */
    private static void writeCategories(Path file, DetectionSource source) throws IOException {
        var arr = JsonFiles.MAPPER.createArrayNode();
        for (int k = 0; k < source.classNames().size(); k++) {
            arr.addObject().put("id", source.categoryId(k)).put("name", source.classNames().get(k));
        }
        byte[] bytes = JsonFiles.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(arr);
        InputFiles.writeAtomically(file, o -> o.write(bytes));
    }

    /** The image files of the source (a dataset's through its image folder), for the overwrite check. */
    private static List<Path> inputFiles(DetectionSource source) {
        if (source instanceof ImageFolderSource f) {
            return f.files();
        }
        if (source instanceof FileDatasetSource f) {
            Dataset d = f.dataset();
            return d.images().stream().map(ImageInfo::fileName).map(d.imageRoot()::resolve).toList();
        }
        return List.of();
    }

    /** Refuses an output folder where a drawing or a JSON file would replace one of the inputs. */
    static void refuseOverwritingInputs(List<Path> files, DetectionSource source, Path out) throws IOException {
        java.util.Set<Path> inputs = new java.util.HashSet<>();
        for (Path f : files) {
            inputs.add(f.toAbsolutePath().normalize());
            if (Files.exists(f)) {
                inputs.add(f.toRealPath()); // the same file through a link
            }
        }
        List<Path> outputs = new ArrayList<>(List.of(out.resolve("detections.json"), out.resolve("categories.json")));
        for (int i = 0; i < source.size(); i++) {
            outputs.add(out.resolve(source.id(i) + ".png"));
        }
        for (Path o : outputs) {
            Path abs = o.toAbsolutePath().normalize();
            if (inputs.contains(abs) || (Files.exists(abs) && inputs.contains(abs.toRealPath()))) {
                throw new InputException(out, "writing " + o.getFileName() + " there would overwrite the input image "
                        + abs + "; choose another --out");
            }
        }
    }
}
