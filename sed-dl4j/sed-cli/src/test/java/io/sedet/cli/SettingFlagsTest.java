package io.sedet.cli;

import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library names config keys; the command line shows them as its flags, in one place. */
class SettingFlagsTest {
    @TempDir
    Path dir;

    @Test
    void keysBecomeFlagsInTheSubjectAndTheText() {
        assertEquals("--method (semi.method): give --labeled (semi.labeled) or --split (semi.split)",
                SettingFlags.message(new InputException("semi.method", "give semi.labeled or semi.split")));
        assertEquals("--preset: no preset 'x'", SettingFlags.message(new InputException("preset", "no preset 'x'")));
        assertEquals("model.depth: must be 18, 34 or 50", SettingFlags.message(new InputException("model.depth",
                "must be 18, 34 or 50")), "a key without a flag stays a key (the user wrote it with --set)");
        assertEquals("--iterations (iterations): below semi.labeledness", SettingFlags.message(
                new InputException("iterations", "below semi.labeledness")), "only whole keys are rewritten");
        Path f = dir.resolve("a.json");
        assertEquals(f + ": semi.method", SettingFlags.message(new InputException(f, "semi.method")),
                "an error about a file is the file's");
    }

    @Test
    void aLibraryErrorReadsInFlagsOnTheCommandLine() {
        SedetCliTest.Run r = SedetCliTest.run("train", "--method", "sed", "--iterations", "1", "--out",
                dir.resolve("run").toString());
        assertEquals(Sedet.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("sedet: error: --method (semi.method): sed needs unlabeled images: give "
                + "--labeled (semi.labeled) (a fraction or count"), r.err());
        assertTrue(r.err().contains("--split (semi.split)") && r.err().contains("--unlabeled (semi.unlabeled)"), r.err());
    }
}
