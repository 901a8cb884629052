package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code predict --data}: detections in the dataset's own ids go straight into {@code eval coco} /
 * {@code eval voc} and give what {@code eval model} gives; the post-processing and output flags.
 */
class PredictDatasetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A 2-iteration model on {@code data}; its evaluation keeps candidates above 0.001 so that the
     * untrained head yields detections to compare.
     */
    private Path model(String preset, String data, String name) {
        Path out = dir.resolve(name);
        List<String> a = new ArrayList<>(List.of("train", "--preset", preset, "--data", data, "--out", out.toString(),
                "--iterations", "2", "--batch", "2"));
        for (String s : List.of("input.height=128", "input.width=128", "model.depth=18", "model.width=0.125",
                "model.fpnChannels=16", "model.headConvs=1", "evalEvery=100", "evaluation.scoreThreshold=0.001")) {
            a.add("--set");
            a.add(s);
        }
        SedetCliTest.Run r = SedetCliTest.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out.resolve("model.sedet");
    }

    private static JsonNode json(SedetCliTest.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void cocoPredictionsEvaluateAsEvalModel() throws Exception {
        Path coco = RepoFiles.shared().resolve("datasets/coco-mini");
        Path gt = coco.resolve("annotations/instances.json");
        String data = "coco:" + gt + "," + coco.resolve("images");
        Path model = model("coco-r50", data, "coco");
        Path out = dir.resolve("pred-coco");
        SedetCliTest.Run r = SedetCliTest.run("predict", "--model", model.toString(), "--data", data, "--out", out.toString(),
                "--no-images");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("image_id and category_id are the dataset's (COCO ids)"), r.out());
        Set<String> files = new TreeSet<>();
        try (var s = Files.list(out)) {
            s.forEach(f -> files.add(f.getFileName().toString()));
        }
        assertEquals(Set.of("categories.json", "detections.json"), files, "--no-images draws nothing");
        JsonNode dets = JSON.readTree(out.resolve("detections.json").toFile());
        assertTrue(dets.size() > 100, "the untrained model detects above 0.001: " + dets.size());
        assertTrue(dets.get(0).get("image_id").isNumber(), dets.get(0).toString());
        // COCO's category ids are sparse (1..90): the file uses them, not class indices
        JsonNode cats = JSON.readTree(out.resolve("categories.json").toFile());
        assertEquals(80, cats.size());
        assertEquals(90, cats.get(79).get("id").asInt());

        JsonNode viaFile = json(SedetCliTest.run("eval", "coco", "--gt", gt.toString(), "--dt",
                out.resolve("detections.json").toString(), "--json"));
        JsonNode direct = json(SedetCliTest.run("eval", "model", "--model", model.toString(), "--data", data, "--json"));
        assertEquals(direct, viaFile);
        assertTrue(direct.get("AR100").asDouble() > 0, direct.toString());
        // eval model takes predict's post-processing flags: nothing of the untrained model scores above 0.999
        JsonNode strict = json(SedetCliTest.run("eval", "model", "--model", model.toString(), "--data", data,
                "--conf", "0.999", "--json"));
        assertEquals(0.0, strict.get("AR100").asDouble(), strict.toString());
    }

    @Test
    void vocPredictionsEvaluateAsEvalModelAndFlagsApply() throws Exception {
        Path voc = RepoFiles.vocMini();
        String data = "voc:" + voc;
        Path model = model("voc-r18", data, "voc");
        Path out = dir.resolve("pred-voc");
        SedetCliTest.Run r = SedetCliTest.run("predict", "--model", model.toString(), "--data", data, "--image-set", "test",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("2007_000027.png")) || Files.list(out).anyMatch(f -> f.toString().endsWith(".png")));
        JsonNode dets = JSON.readTree(out.resolve("detections.json").toFile());
        assertTrue(dets.get(0).get("image_id").isTextual(), dets.get(0).toString());
        JsonNode viaFile = json(SedetCliTest.run("eval", "voc", "--root", voc.toString(), "--image-set", "test", "--dt",
                out.resolve("detections.json").toString(), "--json"));
        JsonNode direct = json(SedetCliTest.run("eval", "model", "--model", model.toString(), "--data", data,
                "--image-set", "test", "--metric", "voc12", "--json"));
        assertEquals(direct, viaFile);

        // --conf, --max-det: fewer detections; a list file of two images
        Path list = dir.resolve("two.txt");
        Files.writeString(list, "# two images\n" + voc.resolve("JPEGImages/2007_000027.jpg") + "\n\n"
                + voc.resolve("JPEGImages/2007_000032.jpg") + "\n");
        Path few = dir.resolve("few");
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--out", few.toString(),
                "--max-det", "3", "--no-images");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("category_id: the 1-based index in the model's classes"), r.out());
        JsonNode three = JSON.readTree(few.resolve("detections.json").toFile());
        assertEquals(6, three.size(), "3 per image");
        assertEquals(Set.of("2007_000027", "2007_000032"), ids(three));
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--out", few.toString(),
                "--conf", "0.999", "--no-images");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, JSON.readTree(few.resolve("detections.json").toFile()).size(), "nothing scores above 0.999");

        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--out", few.toString(),
                "--iou", "0");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--conf/--iou/--max-det: nmsThreshold must be in (0, 1]"), r.err());
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--image-set", "test",
                "--out", few.toString());
        assertEquals(2, r.code(), r.out());
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--data", data,
                "--out", few.toString());
        assertEquals(2, r.code(), "--images and --data exclude each other");
        // a folder with unreadable files: each skipped with a warning, the rest predicted, exit code 4
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(voc.resolve("JPEGImages/2007_000027.jpg"), mixed.resolve("good.jpg"));
        Files.write(mixed.resolve("empty.jpg"), new byte[0]);
        Files.writeString(mixed.resolve("text.png"), "not an image");
        byte[] jpg = Files.readAllBytes(voc.resolve("JPEGImages/2007_000032.jpg"));
        Files.write(mixed.resolve("cut.jpg"), java.util.Arrays.copyOf(jpg, 200));
        Path partial = dir.resolve("partial");
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", mixed.toString(), "--out", partial.toString());
        assertEquals(PredictCommand.EXIT_SKIPPED, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("sedet: warning: skipped " + mixed.resolve("empty.jpg") + ": image file is empty"), r.err());
        assertTrue(r.err().contains("sedet: warning: skipped " + mixed.resolve("text.png") + ": not an image"), r.err());
        assertTrue(r.err().contains("sedet: warning: skipped " + mixed.resolve("cut.jpg")), r.err());
        assertTrue(r.err().contains("sedet: 3 of 4 inputs skipped"), r.err());
        assertEquals(Set.of("good"), ids(JSON.readTree(partial.resolve("detections.json").toFile())));
        assertTrue(Files.exists(partial.resolve("good.png")));

        Files.writeString(list, "nope.jpg\n");
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", list.toString(), "--out", few.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("two.txt: line 1: no such image file"), r.err());
    }

    private static Set<String> ids(JsonNode dets) {
        Set<String> ids = new TreeSet<>();
        dets.forEach(d -> ids.add(d.get("image_id").asText()));
        return ids;
    }
}
