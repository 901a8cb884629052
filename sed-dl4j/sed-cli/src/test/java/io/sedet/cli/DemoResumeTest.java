package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupted {@code sedet demo}: killed with SIGKILL in the burn-in and in the SED arm (the one
 * with a teacher and an optimizer to restore), and started again each time with the same arguments, it reuses the finished
 * runs, resumes the interrupted one from its checkpoint, and ends with the {@code results.json} of
 * an uninterrupted demo (the same deterministic computation on one machine: equal numbers).
 */
class DemoResumeTest {
    private static final int ITERATIONS = 8;
    private static final int BURN_IN = 3;

    @TempDir
    Path dir;

    private static List<String> demo(Path out) {
        List<String> a = new ArrayList<>(List.of("demo", "--out", out.toString(), "--labeled", "0.5", "--seed", "3",
                "--samples", "0"));
        for (String s : new String[] {"shapes.train=16", "shapes.val=4", "shapes.test=6", "shapes.imageSize=128",
            "input.height=128", "input.width=128", "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1",
            "batchSize=2", "iterations=" + ITERATIONS, "semi.burnIn=" + BURN_IN, "logEvery=1", "checkpointEvery=1",
            "evalEvery=1000", "schedule.warmupIters=1"}) {
            a.add("--set");
            a.add(s);
        }
        return a;
    }

    @Test
    void aKilledDemoStartedAgainEndsWithTheUninterruptedResults() throws Exception {
        Path ref = dir.resolve("ref");
        Process p = KillAndResumeTest.start(demo(ref), dir.resolve("ref.log"), dir.resolve("crashes"));
        assertTrue(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("ref.log")));
        JsonNode expected = new ObjectMapper().readTree(ref.resolve("results.json").toFile());

        Path run = dir.resolve("run");
        int resumed = 0;
        StringBuilder logs = new StringBuilder();
        // kill each time the arm's run has logged a step past where it started
        for (String arm : List.of("burn-in", "sed")) {
            Path metrics = run.resolve(arm).resolve("metrics.jsonl");
            Path log = dir.resolve("kill-" + arm + ".log");
            p = KillAndResumeTest.start(demo(run), log, dir.resolve("crashes"));
            int before = KillAndResumeTest.losses(metrics).size();
            boolean stepping = KillAndResumeTest.waitFor(p, () -> KillAndResumeTest.losses(metrics).size() > before
                    && Files.exists(run.resolve(arm).resolve("last.ckpt")));
            boolean killed = stepping && KillAndResumeTest.kill(p);
            assertTrue(p.waitFor(600, TimeUnit.SECONDS), arm + ": hangs");
            String out = Files.readString(log);
            logs.append(out);
            if (!killed) {
                assertEquals(0, p.exitValue(), arm + ": " + out);
                break; // the demo ran out before this kill: it has finished
            }
            Path last = run.resolve(arm).resolve("last.ckpt");
            if (Files.exists(last) && Checkpoint.iterationOf(last) < (arm.equals("burn-in") ? BURN_IN : ITERATIONS)) {
                resumed++;
            }
        }
        Process again = KillAndResumeTest.start(demo(run), dir.resolve("last.log"), dir.resolve("crashes"));
        assertTrue(again.waitFor(600, TimeUnit.SECONDS), "the last start hangs");
        String out = Files.readString(dir.resolve("last.log"));
        assertEquals(0, again.exitValue(), out);
        assertTrue(resumed >= 1, "a run was left short of its end");
        assertEquals(expected, new ObjectMapper().readTree(run.resolve("results.json").toFile()), out);
        logs.append(out);
        assertTrue(logs.toString().contains("resuming"), "a start after a kill says it resumes:\n" + logs);
        assertTrue(out.contains("burn-in: reusing") && out.contains("reusing the finished run " + run.resolve("supervised")),
                out);
    }
}
