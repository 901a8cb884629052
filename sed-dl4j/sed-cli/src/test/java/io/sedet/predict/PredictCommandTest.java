package io.sedet.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.cli.Sedet;
import io.sedet.config.PostprocessConfig;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train (tiny) → predict on real VOC images → outputs; a saved model predicts like the original. */
class PredictCommandTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sedet.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            throw new AssertionError("sedet " + String.join(" ", args) + " -> " + code + "\n" + out + err);
        }
        return code;
    }

    @Test
    void trainPredictAndReload() throws Exception {
        Path run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--out", run.toString(), "--iterations", "2", "--batch", "2"));
        for (String s : List.of("shapes.train=8", "shapes.val=2", "shapes.imageSize=128", "input.height=128", "input.width=128",
                "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1", "evalEvery=100")) {
            args.add("--set");
            args.add(s);
        }
        run(args.toArray(String[]::new));
        Path model = run.resolve("model.sedet");
        assertTrue(Files.exists(model));

        Path images = RepoFiles.vocMini().resolve("JPEGImages");
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (String id : List.of("2007_000027", "2007_000032", "2007_000033")) {
            Files.copy(images.resolve(id + ".jpg"), in.resolve(id + ".jpg"));
        }
        Path out = dir.resolve("out");
        run("predict", "--model", model.toString(), "--images", in.toString(), "--out", out.toString(), "--draw-score", "0");
        JsonNode dets = new ObjectMapper().readTree(out.resolve("detections.json").toFile());
        assertTrue(dets.isArray());
        for (String id : List.of("2007_000027", "2007_000032", "2007_000033")) {
            var png = ImageIO.read(out.resolve(id + ".png").toFile());
            var jpg = ImageIO.read(in.resolve(id + ".jpg").toFile());
            assertEquals(jpg.getWidth(), png.getWidth());
            assertEquals(jpg.getHeight(), png.getHeight());
        }

        // save -> load gives identical outputs
        DetectorModel a = DetectorModel.load(model);
        Path copy = dir.resolve("copy.sedet");
        Checkpoint.save(copy, Checkpoint.load(model));
        DetectorModel b = DetectorModel.load(copy);
        var img = ImageIO.read(in.resolve("2007_000027.jpg").toFile());
        // after two iterations every score is below the default 0.05: keep every candidate so the lists are not empty
        PostprocessConfig all = new PostprocessConfig(0.0, 1000, 0.5, 100);
        var da = a.predictor(all, 1, io.sedet.backend.Compute.reference()).predict(List.of(img)).get(0);
        var db = b.predictor(all, 1, io.sedet.backend.Compute.reference()).predict(List.of(img)).get(0);
        assertEquals(100, da.size(), "the comparison must see detections");
        assertEquals(da.size(), db.size());
        for (int i = 0; i < da.size(); i++) {
            assertArrayEquals(da.get(i).box().toXyxy(), db.get(i).box().toXyxy(), 1e-6);
            assertEquals(da.get(i).score(), db.get(i).score(), 1e-7);
        }
    }

    @Test
    void badModelAndImagesAreReported() throws Exception {
        Path junk = dir.resolve("junk.sedet");
        Files.writeString(junk, "junk");
        StringWriter err = new StringWriter();
        int code = Sedet.run(new String[] {"predict", "--model", junk.toString(), "--images", dir.toString(), "--out",
            dir.resolve("o").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("sedet: error: " + junk), err.toString());
    }
}
