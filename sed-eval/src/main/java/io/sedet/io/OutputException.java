package io.sedet.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file could not be written — most often a full disk — named with the system's reason. What was
 * written before stays as it was ({@link InputFiles#writeAtomically} leaves the old file and no
 * temporary), so the command can be run again once the cause is gone.
 */
public final class OutputException extends IOException {
    private final transient Path file;

    public OutputException(Path file, IOException cause) {
        super(file + ": cannot write: " + reason(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Whether the device had no space left (or the user's quota was reached). */
    public boolean noSpace() {
        String m = getMessage().toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("quota exceeded");
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        // FileSystemException's message repeats the path; its reason is the part that says what failed
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
