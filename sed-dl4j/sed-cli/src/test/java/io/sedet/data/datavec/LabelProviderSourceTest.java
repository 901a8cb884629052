package io.sedet.data.datavec;

import io.sedet.api.Training;
import io.sedet.cli.SedetCliTest;
import io.sedet.config.TrainConfig;
import io.sedet.data.FileDatasetSource;
import io.sedet.data.Sample;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import io.sedet.io.InputException;
import io.sedet.testing.RepoFiles;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** datavec's VocLabelProvider as a training source: the objects of our VOC reader, and a run from Java code. */
class LabelProviderSourceTest {
    @TempDir
    Path dir;

    static Path voc() {
        return RepoFiles.vocMini();
    }

    /**
     * Every object our reader trains on is there with the same box and class; datavec's provider
     * also gives the difficult ones (it has no flag for them), exactly those.
     */
    @Test
    void theProviderGivesTheObjectsOfOurVocReader() {
        LabelProviderSource dv = LabelProviderSource.voc(voc(), "trainval", VocClasses.VOC20);
        FileDatasetSource ours = new FileDatasetSource(VocDevkit.read(voc(), "trainval", VocClasses.VOC20,
                VocDevkit.UnknownClass.FAIL, true));
        assertEquals(ours.size(), dv.size());
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < dv.size(); i++) {
            byId.put(dv.id(i), i);
        }
        int identical = 0;
        int objects = 0;
        for (int i = 0; i < ours.size(); i++) {
            Sample a = ours.get(i);
            Sample b = dv.get(byId.get(a.id()));
            assertEquals(a.image().getWidth(), b.image().getWidth());
            for (int k = 0; k < a.numObjects(); k++) {
                boolean found = false;
                for (int j = 0; j < b.numObjects() && !found; j++) {
                    found = a.labels()[k] == b.labels()[j] && a.boxes()[4 * k] == b.boxes()[4 * j]
                            && a.boxes()[4 * k + 1] == b.boxes()[4 * j + 1] && a.boxes()[4 * k + 2] == b.boxes()[4 * j + 2]
                            && a.boxes()[4 * k + 3] == b.boxes()[4 * j + 3];
                }
                assertTrue(found, a.id() + ": object " + k + " missing from datavec's");
                objects++;
            }
            // the rest are the objects marked difficult, which our reader keeps out of training targets
            assertEquals(ours.dataset().annotationsOf(a.id()).size(), b.numObjects(), a.id() + ": objects, difficult included");
            identical += a.numObjects() == b.numObjects() ? 1 : 0;
        }
        assertTrue(objects > 100, objects + " objects compared");
        assertTrue(identical > ours.size() / 2, identical + " of " + ours.size() + " images without difficult objects");
    }

    @Test
    void aClassOutsideTheListNamesTheImage() {
        List<String> noPerson = new ArrayList<>(VocClasses.VOC20);
        noPerson.remove("person");
        LabelProviderSource dv = LabelProviderSource.voc(voc(), "trainval", noPerson);
        InputException e = null;
        for (int i = 0; i < dv.size() && e == null; i++) {
            try {
                dv.get(i);
            } catch (InputException x) {
                e = x;
            }
        }
        assertTrue(e != null && e.getMessage().contains(".jpg") && e.getMessage().contains("'person'"),
                String.valueOf(e));
    }

    /** SED trains from Java on the provider's labels; the run says it cannot be reopened from its config. */
    @Test
    void trainsFromJavaCode() throws Exception {
        Map<String, String> o = TinyRuns.semi("sed", 2, 1);
        TrainConfig config = TrainConfig.preset("shapes-small", o);
        LabelProviderSource train = LabelProviderSource.voc(voc(), "trainval", VocClasses.VOC20);
        LabelProviderSource val = LabelProviderSource.voc(voc(), "test", VocClasses.VOC20);
        Path out = dir.resolve("run");
        Training.Result r = Training.run(config, out, null, train, val, "datavec VocLabelProvider on voc-mini");
        assertTrue(Files.exists(r.model()));
        assertTrue(r.validation().containsKey("AP50"));
        assertTrue(Files.readString(out.resolve("config.json")).contains("java:datavec VocLabelProvider"));
        SedetCliTest.Run cli = SedetCliTest.run("train", "--resume", "--out", out.toString(), "--iterations", "3");
        assertEquals(2, cli.code(), cli.err() + cli.out());
        assertTrue(cli.err().contains("sources a Java program gave"), cli.err());
    }
}
