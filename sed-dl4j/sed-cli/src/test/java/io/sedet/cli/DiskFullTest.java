package io.sedet.cli;

import io.sedet.checkpoint.Checkpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up during training, for real: a tmpfs just large enough for one checkpoint
 * (made by the test; it needs root, as CI runs, and is skipped with the reason otherwise). The
 * second checkpoint's save fails: one line naming the file and "No space left on device", exit code
 * 2, the first checkpoint intact and no temporary left; once the filesystem grows, {@code --resume}
 * finishes the run.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    /** KillAndResumeTest's tiny run, 6 iterations. */
    private static List<String> train(Path out, String... more) {
        List<String> a = KillAndResumeTest.train(out, more);
        a.set(a.indexOf("--iterations") + 1, "6");
        return a;
    }

    private static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void aFullDiskStopsTrainingCleanlyAndResumeFinishesIt() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root (CI runs as root)");
        // the size of one checkpoint of this run, measured on the ordinary disk
        Path probe = dir.resolve("probe");
        List<String> twoSteps = train(probe);
        twoSteps.set(twoSteps.indexOf("--iterations") + 1, "2");
        SedetCliTest.Run r = SedetCliTest.run(twoSteps.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        long ckpt = Files.size(probe.resolve("last.ckpt"));
        long model = Files.size(probe.resolve("model.sedet"));

        Path small = dir.resolve("small");
        Files.createDirectories(small);
        // one checkpoint and the small files fit; a second save (its temporary beside the first) does not
        long size = ckpt + ckpt / 2 + 256 * 1024;
        Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", small.toString()) == 0,
                "cannot mount a tmpfs here (a container without the capability)");
        try {
            Path run = small.resolve("run");
            r = SedetCliTest.run(train(run).toArray(String[]::new));
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("sedet: error: ") && r.err().contains("last.ckpt: cannot write: No space left on device"),
                    r.err());
            assertTrue(r.err().contains("run the same command again (train: with --resume)"), r.err());
            assertEquals(2, Checkpoint.iterationOf(run.resolve("last.ckpt")), "the first checkpoint is intact");
            Checkpoint.load(run.resolve("last.ckpt"));
            try (Stream<Path> s = Files.list(run)) {
                assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary left");
            }

            assertEquals(0, sh("mount", "-o", "remount,size=" + (4 * (ckpt + model) + 1024 * 1024), small.toString()));
            r = SedetCliTest.run(train(run, "--resume").toArray(String[]::new));
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals(6, Checkpoint.iterationOf(run.resolve("model.sedet")));
        } finally {
            sh("umount", small.toString());
        }
    }
}
