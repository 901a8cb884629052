package io.sedet.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code datasets/make_mini.py} rebuilds the shared test sets from their ids: run on a source in
 * the official layouts (here the shared sets themselves, which are in them: voc-mini's VOC2012
 * folder, coco-mini's instances file and images), it writes voc-mini file for file and coco-mini's
 * images and an instances file equal as JSON.
 */
class MiniDatasetsScriptTest {
    @TempDir
    Path dir;

    private static final Path SCRIPT = Path.of("..", "datasets", "make_mini.py").toAbsolutePath().normalize();

    private static void python(String... args) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(py), "no /usr/bin/python3 here");
        List<String> cmd = new java.util.ArrayList<>(List.of(py.toString(), SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
    }

    private static void assertSameTree(Path expected, Path actual) throws Exception {
        try (Stream<Path> s = Files.walk(expected)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            assertTrue(files.size() > 100, expected + " " + files.size());
            for (Path f : files) {
                Path other = actual.resolve(expected.relativize(f).toString());
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), other.toString());
            }
        }
        try (Stream<Path> s = Files.walk(actual)) {
            assertEquals(Files.walk(expected).count(), s.count(), "no extra files in " + actual);
        }
    }

    @Test
    void rebuildsVocMiniAndCocoMini() throws Exception {
        Path shared = SharedData.require().resolve("datasets");
        Path voc = shared.resolve("voc-mini/VOC2012");
        python("voc", voc.toString(), dir.resolve("voc-mini").toString());
        assertSameTree(voc, dir.resolve("voc-mini/VOC2012"));

        Path coco = shared.resolve("coco-mini");
        python("coco", coco.resolve("annotations/instances.json").toString(), coco.resolve("images").toString(),
                dir.resolve("coco-mini").toString());
        assertSameTree(coco.resolve("images"), dir.resolve("coco-mini/images"));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(coco.resolve("annotations/instances.json").toFile()),
                json.readTree(dir.resolve("coco-mini/annotations/instances.json").toFile()));
    }
}
