package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault test of the CLI: {@code sedet train} in its own JVM, killed with SIGKILL at random
 * points during steps and during checkpoint saves, and stopped once with SIGTERM (what Ctrl-C
 * does), then resumed each time with {@code --resume}. The logged loss of every iteration must
 * equal that of an uninterrupted run (relative tolerance 1e-6: both are the same deterministic
 * computation on one machine; the tolerance only absorbs printing), every iteration must be
 * logged once, and no temporary file may remain.
 */
class KillAndResumeTest {
    private static final int ITERATIONS = 16;

    @TempDir
    Path dir;

    /** A tiny shapes training run's arguments into {@code out} (also DiskFullTest's). */
    static List<String> train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", out.toString(), "--iterations", Integer.toString(ITERATIONS),
                "--batch", "2"));
        for (String s : List.of("shapes.train=8", "shapes.val=2", "shapes.imageSize=128", "input.height=128",
                "input.width=128", "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1", "evalEvery=1000",
                "logEvery=1", "checkpointEvery=2")) {
            a.add("--set");
            a.add(s);
        }
        a.addAll(List.of(more));
        return a;
    }

    private Process start(List<String> args, Path log) throws IOException {
        return start(args, log, dir.resolve("crashes"));
    }

    /** {@code sedet ARGS} in a JVM of its own, its output to {@code log} (also DemoResumeTest's). */
    static Process start(List<String> args, Path log, Path crashDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.sedet.cli.Sedet"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SEDET_CRASH_DIR", crashDir.toString());
        return pb.start();
    }

    static Map<Long, Double> losses(Path metrics) throws IOException {
        Map<Long, Double> out = new LinkedHashMap<>();
        if (!Files.exists(metrics)) {
            return out;
        }
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n;
            try {
                n = new ObjectMapper().readTree(line);
            } catch (IOException cutShort) {
                continue;
            }
            if (n.has("loss")) {
                Double before = out.put(n.get("iteration").asLong(), n.get("loss").asDouble());
                assertTrue(before == null, "iteration " + n.get("iteration") + " logged twice in " + metrics);
            }
        }
        return out;
    }

    private static List<Path> temporaries(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void killedAtRandomPointsAndResumedTrainsTheSameRun() throws Exception {
        Path ref = dir.resolve("ref");
        Process p = start(train(ref), dir.resolve("ref.log"));
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("ref.log")));
        Map<Long, Double> expected = losses(ref.resolve("metrics.jsonl"));
        assertEquals(ITERATIONS, expected.size());

        Path run = dir.resolve("run");
        Random rnd = new Random(20261202);
        int inStep = 0;
        int inSave = 0;
        boolean stoppedByTerm = false;
        boolean finished = false;
        // the interruptions still to make, in turn: SIGKILL during a step, during a save, SIGTERM (Ctrl-C)
        List<String> pending = new ArrayList<>(List.of("step", "save", "term", "save", "step"));
        for (int attempt = 0; attempt < 24 && !finished; attempt++) {
            List<String> args = Files.exists(run.resolve("last.ckpt")) ? train(run, "--resume")
                    : Files.exists(run) ? train(run, "--overwrite") : train(run);
            Path log = dir.resolve("attempt-" + attempt + ".log");
            p = start(args, log);
            String mode = pending.isEmpty() ? "none" : pending.get(0);
            boolean interrupted = switch (mode) {
                case "step" -> {
                    int before = losses(run.resolve("metrics.jsonl")).size();
                    boolean stepping = waitFor(p, () -> losses(run.resolve("metrics.jsonl")).size() > before);
                    if (stepping) {
                        Thread.sleep(rnd.nextInt(150));
                    }
                    yield stepping && kill(p);
                }
                case "save" -> waitFor(p, () -> !temporaries(run).isEmpty()) && kill(p);
                case "term" -> {
                    int before = losses(run.resolve("metrics.jsonl")).size();
                    if (waitFor(p, () -> losses(run.resolve("metrics.jsonl")).size() > before) && p.isAlive()) {
                        p.destroy(); // SIGTERM: the JVM runs the shutdown hook, as on Ctrl-C
                        yield true;
                    }
                    yield false;
                }
                default -> false;
            };
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "attempt " + attempt + " hangs");
            String out = Files.readString(log);
            if (!interrupted || p.exitValue() == 0) {
                assertEquals(0, p.exitValue(), "attempt " + attempt + ": " + out);
                if (pending.isEmpty()) {
                    finished = true;
                } else {
                    // the run ended before this interruption could be made (a save too quick to catch): train it again
                    try (Stream<Path> files = Files.list(run)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                        }
                    }
                }
                continue;
            }
            pending.remove(0);
            if (mode.equals("term")) {
                stoppedByTerm = true;
                Matcher m = Pattern.compile("last.ckpt holds iteration (\\d+)").matcher(out);
                assertTrue(m.find(), "Ctrl-C must say which iteration the checkpoint holds: " + out);
                assertEquals(Long.parseLong(m.group(1)), Checkpoint.iterationOf(run.resolve("last.ckpt")), out);
            } else if (mode.equals("save")) {
                inSave++;
            } else {
                inStep++;
            }
        }
        assertTrue(finished, "the run never finished");
        assertTrue(inStep >= 1 && inSave >= 1 && stoppedByTerm,
                "interruptions: " + inStep + " in a step, " + inSave + " in a save, SIGTERM " + stoppedByTerm);
        Map<Long, Double> got = losses(run.resolve("metrics.jsonl"));
        assertEquals(expected.keySet(), got.keySet());
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()), 1e-6 * Math.abs(e.getValue()), "loss of iteration " + e.getKey());
        }
        assertEquals(List.of(), temporaries(run));
        assertEquals(ITERATIONS, Checkpoint.iterationOf(run.resolve("model.sedet")));
    }

    /**
     * Two writers: while a training JVM runs in a folder, a second {@code train --resume} or
     * {@code --overwrite} there is refused at once naming the other process, and nothing of its run
     * is touched; once that JVM is killed (its lock file left behind), the next start takes the
     * lock over with a note naming the dead holder, and removes the file when it ends.
     */
    @Test
    void aSecondWriterIsRefusedAndAKilledOnesLockIsTakenOver() throws Exception {
        Path run = dir.resolve("busy");
        List<String> args = train(run);
        args.set(args.indexOf("--iterations") + 1, "100000");
        Process p = start(args, dir.resolve("busy.log"));
        Path lock = run.resolve(io.sedet.train.FolderLock.FILE);
        String holder = "process " + p.pid() + " on ";
        assertTrue(waitFor(p, () -> Files.exists(run.resolve("last.ckpt")) && Files.exists(lock)
                && Files.readString(lock).startsWith(holder)), Files.readString(dir.resolve("busy.log")));
        try {
            SedetCliTest.Run second = SedetCliTest.run(train(run, "--resume").toArray(String[]::new));
            assertEquals(2, second.code(), second.out() + second.err());
            assertTrue(second.err().contains(run + ": is in use by another sedet process (" + holder), second.err());
            SedetCliTest.Run replace = SedetCliTest.run(train(run, "--overwrite").toArray(String[]::new));
            assertEquals(2, replace.code(), replace.out() + replace.err());
            assertTrue(replace.err().contains("is in use by another sedet process"), replace.err());
            assertTrue(Files.exists(run.resolve("last.ckpt")) && Files.exists(run.resolve("metrics.jsonl")),
                    "the running process's files are untouched");
        } finally {
            kill(p);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(lock).startsWith(holder), "a killed process leaves its lock file");
        SedetCliTest.Run after = SedetCliTest.run(train(run, "--resume").toArray(String[]::new));
        assertEquals(0, after.code(), after.out() + after.err());
        assertTrue(after.out().contains(run + " was locked by " + holder) && after.out().contains("which no longer runs"),
                after.out());
        assertTrue(!Files.exists(lock), "the lock file goes when the run ends");
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    /** Polls every millisecond until the condition holds (true) or the process ends (false). */
    static boolean waitFor(Process p, Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    static boolean kill(Process p) {
        if (!p.isAlive()) {
            return false;
        }
        p.destroyForcibly(); // SIGKILL on Unix
        return true;
    }
}
