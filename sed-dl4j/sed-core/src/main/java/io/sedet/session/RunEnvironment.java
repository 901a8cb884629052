package io.sedet.session;

import io.sedet.backend.Compute;
import io.sedet.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where a run trained, written beside it as {@value RunFolder#ENVIRONMENT} when a session opens
 * (a resumed run rewrites it: the line describes the last session): the timings in its metrics
 * mean little without the machine and the backend.
 *
 * @param started ISO-8601 instant the session opened
 * @param cpu     the CPU model ({@code /proc/cpuinfo}'s "model name"), or the architecture
 * @param cores   processors the JVM sees
 * @param compute the backend line ({@link Compute#description()})
 */
public record RunEnvironment(String started, String cpu, int cores, String java, String os, String compute) {
    public static RunEnvironment capture(Compute compute) {
        return new RunEnvironment(Instant.now().toString(), cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                compute.description());
    }

    /** One line: "AMD EPYC 9R14, 2 cores, OpenJDK 64-Bit Server VM 17.0.15, Linux …; backend …". */
    public String line() {
        return cpu + ", " + cores + " cores, " + java + ", " + os + "; " + compute;
    }

    public void write(Path file) throws IOException {
        JsonFiles.writeValue(file, this);
    }

    /** The environment stored beside a run, or null when the run has none (runs before this file). */
    public static RunEnvironment readIfPresent(Path file) {
        return JsonFiles.readValueIfPresent(file, RunEnvironment.class, "a run environment");
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture says less, but something
        }
        return System.getProperty("os.arch");
    }
}
