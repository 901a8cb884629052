package io.sedet.api;

import io.sedet.config.TrainConfig;
import io.sedet.data.ShapesDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sed-core is a library: a program with only it and an ND4J backend on its class path (this
 * module's test class path is exactly that, plus JUnit) trains, is interrupted, resumes and
 * detects through {@code io.sedet.api}, and none of the application's libraries come with it.
 */
class LibraryClassPathTest {
    @TempDir
    Path dir;

    @Test
    void theApplicationsLibrariesAreNotOnALibraryConsumersClassPath() {
        for (String app : List.of("picocli.CommandLine", "org.knowm.xchart.XYChart", "me.tongfei.progressbar.ProgressBar",
                "io.sedet.cli.Sedet", "io.sedet.report.Report", "io.sedet.experiment.SeedStudy")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(app), app + " is on sed-core's class path");
        }
    }

    @Test
    void aLibraryConsumerTrainsResumesAndDetects() throws Exception {
        TrainConfig config = Training.preset("shapes-small").method("sed").labeled("0.1").iterations(4)
                .set("semi.burnIn", "1").set("checkpointEvery", "2").set("shapes.train", "40").set("shapes.val", "4")
                .batchSize(2).build();
        Path run = dir.resolve("run");
        RuntimeException stop = assertThrows(RuntimeException.class, () -> Training.run(config, run, p -> {
            if (p.iteration() == 3) {
                throw new RuntimeException("interrupted at 3");
            }
        }));
        assertEquals("interrupted at 3", stop.getMessage());
        assertTrue(Files.exists(run.resolve("last.ckpt")) && !Files.exists(run.resolve("model.sedet")));

        Training.Result resumed = Training.resume(run, null);
        assertEquals(run.resolve("model.sedet"), resumed.model());
        try (var lines = Files.lines(run.resolve("metrics.jsonl"))) {
            assertTrue(lines.anyMatch(l -> l.startsWith("{\"iteration\":4,")), "the resumed run reached iteration 4");
        }
        List<DetectedObject> objects = Detector.load(resumed.model())
                .detect(new ShapesDataset(2, ShapesDataset.Split.TEST, 1, 256).get(0).image());
        for (DetectedObject o : objects) {
            assertTrue(o.x2() > o.x1() && o.y2() > o.y1());
        }
    }
}
