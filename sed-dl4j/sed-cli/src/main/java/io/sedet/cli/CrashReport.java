package io.sedet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the CLI does with an exception that is not bad input: a bug. The stack trace, the command
 * line and the JVM go to {@code sedet-crash-<time>.log} in the folder named by the
 * {@code SEDET_CRASH_DIR} environment variable (default: the system temporary folder), and the
 * user gets one line that says so.
 */
final class CrashReport {
    private CrashReport() {
    }

    /** Writes the report and returns the one line for standard error. */
    static String write(Throwable ex, String[] args) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        String text = "sedet " + String.join(" ", args) + "\n"
                + "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n\n" + trace;
        String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        try {
            String dir = System.getenv("SEDET_CRASH_DIR");
            Path folder = Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("java.io.tmpdir"));
            Files.createDirectories(folder);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            Path file = Files.createTempFile(folder, "sedet-crash-" + stamp + "-", ".log");
            Files.writeString(file, text);
            return "sedet: internal error (a bug in sedet, not a problem with your input): " + what
                    + " -- stack trace in " + file;
        } catch (IOException | RuntimeException writeFailed) {
            return "sedet: internal error (a bug in sedet, not a problem with your input): " + what
                    + " (could not write a crash report: " + writeFailed.getMessage() + ")\n" + trace;
        }
    }
}
