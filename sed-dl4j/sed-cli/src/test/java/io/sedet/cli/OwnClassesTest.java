package io.sedet.cli;

import io.sedet.testing.RepoFiles;
import io.sedet.predict.DetectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VOC-format dataset with classes of its own (voc-mini with "person" renamed "human" and "dog"
 * renamed "hound", the other classes left out) trains, evaluates and predicts from the CLI.
 */
class OwnClassesTest {
    @TempDir
    Path dir;

    private Path renamedVocMini() throws Exception {
        Path src = RepoFiles.shared().resolve("datasets/voc-mini/VOC2012");
        Path dst = dir.resolve("mine");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (f.toString().endsWith(".xml")) {
                    Files.writeString(to, Files.readString(f).replace("<name>person</name>", "<name>human</name>")
                            .replace("<name>dog</name>", "<name>hound</name>"));
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dst;
    }

    private static List<String> train(Path data, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--preset", "voc-r18", "--data", "voc:" + data, "--out", out.toString(),
                "--iterations", "2", "--batch", "2"));
        for (String s : List.of("input.height=128", "input.width=128", "model.width=0.125", "model.fpnChannels=16",
                "model.headConvs=1", "evalEvery=100")) {
            a.add("--set");
            a.add(s);
        }
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void trainsEvaluatesAndPredictsWithItsOwnClasses() throws Exception {
        Path data = renamedVocMini();
        Path classes = dir.resolve("classes.txt");
        Files.writeString(classes, "human\nhound\n");

        SedetCliTest.Run r = SedetCliTest.run(train(data, dir.resolve("strict"), "--classes", classes.toString())
                .toArray(String[]::new));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(".xml: unknown class '") && r.err().contains("(known: human, hound)"), r.err());

        Path run = dir.resolve("run");
        r = SedetCliTest.run(train(data, run, "--classes", classes.toString(), "--skip-unknown-classes").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*data: trainval: skipped \\d+ objects of classes not in the list \\{.*"), r.out());
        Path model = run.resolve("model.sedet");
        assertEquals(List.of("human", "hound"), DetectorModel.load(model).classNames());

        r = SedetCliTest.run("eval", "model", "--model", model.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"AP50\""), r.out());
        Path one = dir.resolve("one");
        Files.createDirectories(one);
        Files.copy(data.resolve("JPEGImages/2007_000027.jpg"), one.resolve("2007_000027.jpg"));
        r = SedetCliTest.run("predict", "--model", model.toString(), "--images", one.toString(), "--out",
                dir.resolve("pred").toString());
        assertEquals(0, r.code(), r.err());

        // auto: the classes the training annotations name, sorted
        r = SedetCliTest.run(train(data, dir.resolve("auto"), "--classes", "auto").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> auto = DetectorModel.load(dir.resolve("auto/model.sedet")).classNames();
        assertTrue(auto.contains("human") && auto.contains("hound") && !auto.contains("person"), auto.toString());
        assertEquals(auto.stream().sorted().toList(), auto);
    }
}
