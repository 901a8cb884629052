package io.sedet.cli;

import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus ({@code sed-core/src/test/resources/bad-input}): every malformed annotation file,
 * image and model reaches the user as exit code 2 and one line that names the file and the
 * problem, never a stack trace or an exit code of a bug.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = RepoFiles.badInput();
    private static final List<String> TINY = List.of("--iterations", "1", "--batch", "1", "--set", "input.height=128",
            "--set", "input.width=128", "--set", "model.width=0.125", "--set", "model.fpnChannels=16",
            "--set", "model.headConvs=1", "--set", "evalEvery=100");

    @TempDir
    Path dir;

    /** One case: the command, the file its error must name, and a phrase of the problem. */
    private record Case(List<String> args, Path names, String says) {
    }

    private static Path c(String name) {
        return CORPUS.resolve(name);
    }

    private static void assertBadInput(Case k) {
        SedetCliTest.Run r = SedetCliTest.run(k.args().toArray(String[]::new));
        String what = "sedet " + String.join(" ", k.args()) + "\nout: " + r.out() + "\nerr: " + r.err();
        assertEquals(Sedet.EXIT_BAD_INPUT, r.code(), what);
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + what);
        assertTrue(err.startsWith("sedet: error: "), what);
        assertTrue(err.contains(k.names().toString()), "names " + k.names() + ": " + what);
        assertTrue(err.toLowerCase(java.util.Locale.ROOT).contains(k.says().toLowerCase(java.util.Locale.ROOT)),
                "says '" + k.says() + "': " + what);
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception"), "no stack trace: " + what);
    }

    private static Case evalCoco(String gt, String says) {
        return new Case(List.of("eval", "coco", "--gt", c(gt).toString(), "--dt", c("dt-unknown-image.json").toString()),
                c(gt), says);
    }

    @Test
    void cocoGroundTruthFiles() {
        List<Case> cases = List.of(
                evalCoco("coco-truncated.json", "malformed JSON"),
                evalCoco("coco-empty.json", "empty"),
                evalCoco("coco-not-an-object.json", "not a JSON object"),
                evalCoco("coco-wrong-types.json", "id"),
                evalCoco("coco-bbox-string.json", "bbox"),
                evalCoco("coco-nan.json", "malformed JSON"),
                evalCoco("coco-nan-string.json", "bbox"),
                evalCoco("coco-inverted-box.json", "bbox"),
                evalCoco("coco-unknown-image.json", "image_id 7 is not in 'images'"),
                evalCoco("coco-unknown-category.json", "category_id 9 is not in 'categories'"),
                evalCoco("coco-duplicate-image.json", "duplicate image id 1"),
                evalCoco("does-not-exist.json", "no such file"));
        cases.forEach(BadInputCorpusTest::assertBadInput);
    }

    @Test
    void cocoDetectionFiles() {
        for (String[] k : new String[][] {{"dt-not-a-list.json", "list"}, {"dt-unknown-image.json", "image"},
            {"dt-nan-score.json", "score"}, {"coco-empty.json", "empty"}}) {
            assertBadInput(new Case(List.of("eval", "coco", "--gt", c("coco-good.json").toString(), "--dt", c(k[0]).toString()),
                    c(k[0]), k[1]));
        }
    }

    private Case trainCoco(String gt, Path names, String says) {
        List<String> a = new ArrayList<>(List.of("train", "--data", "coco:" + c(gt) + "," + CORPUS, "--out",
                dir.resolve(gt).toString()));
        a.addAll(TINY);
        return new Case(a, names, says);
    }

    /** Training data whose images or boxes are bad: the image file (or folder) is named. */
    @Test
    void imagesAndBoxesOfTrainingData() {
        List<Case> cases = List.of(
                trainCoco("coco-text-as-jpg.json", c("text.jpg"), "not an image"),
                trainCoco("coco-huge-png.json", c("huge.png"), "60000x60000"),
                trainCoco("coco-outside-image.json", c("img.png"), "wholly outside the 64x48 image"),
                trainCoco("coco-path-traversal.json", CORPUS, "not a file inside the image folder"));
        cases.forEach(BadInputCorpusTest::assertBadInput);
    }

    private Case evalVoc(String xml, String says) throws Exception {
        Path root = dir.resolve("voc-" + xml);
        Files.createDirectories(root.resolve("Annotations"));
        Files.createDirectories(root.resolve("ImageSets/Main"));
        Files.createDirectories(root.resolve("JPEGImages"));
        Files.copy(c("voc/" + xml), root.resolve("Annotations/x.xml"));
        Files.writeString(root.resolve("ImageSets/Main/trainval.txt"), "x\n");
        Files.copy(c("img.png"), root.resolve("JPEGImages/x.jpg"));
        Path dt = dir.resolve("none.json");
        Files.writeString(dt, "[]");
        return new Case(List.of("eval", "voc", "--root", root.toString(), "--set", "trainval", "--dt", dt.toString()),
                root.resolve("Annotations/x.xml"), says);
    }

    @Test
    void vocAnnotationFiles() throws Exception {
        for (String[] k : new String[][] {{"truncated.xml", "XML"}, {"unknown-class.xml", "unicorn"},
            {"inverted-box.xml", "box"}, {"not-a-number.xml", "xmin"}, {"empty.xml", "empty"}}) {
            assertBadInput(evalVoc(k[0], k[1]));
        }
    }

    /** A model file cut short, a text file named like a model, an image folder without images. */
    @Test
    void modelsAndPredictInputs() throws Exception {
        Path run = dir.resolve("run");
        List<String> a = new ArrayList<>(List.of("train", "--out", run.toString(), "--set", "shapes.train=4", "--set",
                "shapes.val=2", "--set", "shapes.imageSize=128"));
        a.addAll(TINY);
        assertEquals(0, SedetCliTest.run(a.toArray(String[]::new)).code());
        byte[] model = Files.readAllBytes(run.resolve("model.sedet"));
        Path cut = dir.resolve("cut.sedet");
        Files.write(cut, java.util.Arrays.copyOf(model, model.length / 2));
        Path text = dir.resolve("text.sedet");
        Files.writeString(text, "not a model");
        Path noImages = dir.resolve("no-images");
        Files.createDirectories(noImages);
        Files.writeString(noImages.resolve("readme.txt"), "x");
        for (Case k : List.of(
                new Case(List.of("predict", "--model", cut.toString(), "--images", CORPUS.toString(), "--out",
                        dir.resolve("o1").toString()), cut, "truncated"),
                new Case(List.of("eval", "model", "--model", cut.toString()), cut, "truncated"),
                new Case(List.of("predict", "--model", text.toString(), "--images", CORPUS.toString(), "--out",
                        dir.resolve("o2").toString()), text, "not a sedet checkpoint"),
                new Case(List.of("predict", "--model", run.resolve("model.sedet").toString(), "--images", noImages.toString(),
                        "--out", dir.resolve("o3").toString()), noImages, "no .jpg"),
                new Case(List.of("predict", "--model", run.resolve("model.sedet").toString(), "--images",
                        c("text.jpg").toString(), "--out", dir.resolve("o4").toString()), c("text.jpg"), "not an image"),
                new Case(List.of("predict", "--model", run.resolve("model.sedet").toString(), "--images",
                        c("empty.jpg").toString(), "--out", dir.resolve("o5").toString()), c("empty.jpg"), "empty"))) {
            assertBadInput(k);
        }
    }
}
