package io.sedet.api;

import io.sedet.config.TrainConfig;
import io.sedet.data.ShapesDataset;
import io.sedet.io.InputException;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Java examples are the code of {@link ReadmeExamples}, and they run. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;


    /** The snippets between the markers, indentation removed. */
    static List<String> snippets() throws Exception {
        String src = Files.readString(RepoFiles.repo().resolve("sed-dl4j/sed-core/src/test/java/io/sedet/api/ReadmeExamples.java"));
        Matcher m = Pattern.compile("// README:begin \\w+\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL).matcher(src);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            StringBuilder b = new StringBuilder();
            for (String line : m.group(1).split("\n")) {
                b.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void theReadmeShowsTheCompiledExamples() throws Exception {
        String readme = Files.readString(RepoFiles.repo().resolve("README.md"));
        List<String> s = snippets();
        assertEquals(2, s.size());
        for (String snippet : s) {
            assertTrue(readme.contains("```java\n" + snippet + "```"), "README lacks the example:\n" + snippet);
        }
    }

    @Test
    void theExamplesRun() throws Exception {
        Path model = ReadmeExamples.train(dir.resolve("sed"), 3);
        assertTrue(Files.exists(model));
        File image = dir.resolve("shape.png").toFile();
        ImageIO.write(new ShapesDataset(5, ShapesDataset.Split.TEST, 1, 256).get(0).image(), "png", image);
        List<DetectedObject> objects = ReadmeExamples.detect(model, image);
        for (DetectedObject o : objects) {
            assertTrue(o.score() >= 0.3);
        }
        // all objects, highest first, with the model's class names; immutable. Three steps leave the
        // class prior at 0.01 (nothing above 0.05): a class bias of 0 (p = 0.5) makes every anchor a candidate
        io.sedet.checkpoint.Checkpoint.Content ck = io.sedet.checkpoint.Checkpoint.load(model);
        ck.params().set("head.cls.out.b", org.nd4j.linalg.factory.Nd4j.zeros(ck.params().trainable().get("head.cls.out.b").shape()));
        Path confident = dir.resolve("confident.sedet");
        io.sedet.checkpoint.Checkpoint.save(confident, new io.sedet.checkpoint.Checkpoint.Content(ck.iteration(), ck.classNames(),
                ck.config(), ck.params(), java.util.Map.of(), 0, java.util.Map.of()));
        model = confident;
        Detector d = Detector.load(model);
        List<DetectedObject> all = d.detect(ImageIO.read(image));
        // the same objects as the CLI's predictor finds, as records with class names
        io.sedet.predict.DetectorModel m = io.sedet.predict.DetectorModel.load(model);
        List<io.sedet.predict.PredictedBox> raw = m.predictor(io.sedet.config.PostprocessConfig.retinaNet(), 1,
                io.sedet.backend.Compute.reference()).predict(List.of(ImageIO.read(image))).get(0);
        assertEquals(raw.size(), all.size());
        assertEquals(100, all.size(), "every anchor a candidate: RetinaNet's 100 per image after NMS");
        assertEquals(raw.stream().mapToDouble(io.sedet.predict.PredictedBox::score).max().orElse(-1),
                all.isEmpty() ? -1 : all.get(0).score(), 1e-12);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).score() >= all.get(i).score());
        }
        for (DetectedObject o : all) {
            assertEquals(d.classNames().get(o.classIndex()), o.className());
            assertTrue(o.x2() > o.x1() && o.y2() > o.y1());
        }
        assertThrows(UnsupportedOperationException.class, () -> all.add(all.get(0)));
        // the run is a normal run folder: it resumes (already finished: nothing to do)
        Training.Result again = Training.resume(dir.resolve("sed"), null);
        assertEquals(dir.resolve("sed").resolve("model.sedet"), again.model());
        InputException bad = assertThrows(InputException.class, () -> Detector.load(dir.resolve("shape.png")));
        assertTrue(bad.getMessage().contains("shape.png"), bad.getMessage());

        // post-processing of one's own; a closed detector refuses to detect
        io.sedet.config.PostprocessConfig seven = new io.sedet.config.PostprocessConfig(0.05, 1000, 0.5, 7);
        try (Detector few = Detector.load(model, io.sedet.backend.Backend.CPU, seven, msg -> { })) {
            assertEquals(7, few.detect(ImageIO.read(image)).size());
            assertEquals(seven, few.postprocess());
        }
        assertEquals(d.postprocess(), m.config().evaluation(), "by default the model's evaluation setting");
        d.close();
        d.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> d.detect(ImageIO.read(image)));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        InputException range = assertThrows(InputException.class, () -> Detector.load(confident,
                io.sedet.backend.Backend.CPU, new io.sedet.config.PostprocessConfig(1.5, 1000, 0.5, 7), msg -> { }));
        assertTrue(range.getMessage().contains("scoreThreshold must be in [0, 1)"), range.getMessage());
    }

    /** The listener sees each validation and each checkpoint, with the iteration it belongs to. */
    @Test
    void theListenerSeesEvaluationsAndCheckpoints() throws Exception {
        TrainConfig config = Training.preset("shapes-small").iterations(4).set("evalEvery", "2")
                .set("checkpointEvery", "3").set("shapes.val", "4").build();
        List<String> events = new java.util.ArrayList<>();
        Path out = dir.resolve("events");
        Training.run(config, out, new Training.Listener() {
            @Override
            public void onStep(Training.Progress p) {
                events.add("step " + p.iteration());
            }

            @Override
            public void onEvaluation(long iteration, java.util.Map<String, Double> validation) {
                assertTrue(validation.containsKey("AP50"), validation.toString());
                events.add("eval " + iteration);
            }

            @Override
            public void onCheckpoint(long iteration, Path file) {
                assertEquals(out.resolve("last.ckpt"), file);
                events.add("checkpoint " + iteration);
            }
        });
        assertEquals(List.of("step 1", "step 2", "eval 2", "step 3", "checkpoint 3", "step 4", "eval 4", "checkpoint 4"),
                events);
    }
}
