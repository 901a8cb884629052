package io.sedet.train;

import io.sedet.config.TrainConfig;
import io.sedet.session.DataSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COCO training and validation data are separate by default, and a user is told when they are not. */
class DataSourcesTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");

    @TempDir
    Path dir;

    private static DataSources.Pair open(String data) {
        return DataSources.open(TrainConfig.preset("shapes-small", Map.of("data", "\"" + data + "\"")));
    }

    @Test
    void validationOnTheTrainingAnnotationsIsAWarning() throws Exception {
        Path gt = CORPUS.resolve("coco-good.json");
        DataSources.Pair one = open("coco:" + gt + "," + CORPUS);
        assertEquals(1, one.notes().size(), one.notes().toString());
        assertTrue(one.notes().get(0).startsWith("warning: validation uses the training annotations"), one.notes().get(0));
        DataSources.Pair same = open("coco:" + gt + "," + CORPUS + ";" + gt.toAbsolutePath() + "," + CORPUS);
        assertEquals(1, same.notes().size(), "the same file named twice is still the same file");
        Path val = dir.resolve("val.json");
        Files.copy(gt, val);
        DataSources.Pair separate = open("coco:" + gt + "," + CORPUS + ";" + val + "," + CORPUS);
        assertEquals(0, separate.notes().size(), separate.notes().toString());
        assertEquals(1, separate.val().size());
    }
}
