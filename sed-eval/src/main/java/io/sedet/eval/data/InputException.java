package io.sedet.eval.data;

import java.nio.file.Path;

/**
 * Malformed or inconsistent input: names the file (or the option or setting) and what is wrong
 * with it. The CLI prints {@link #getMessage()} as its one error line and exits with code 2; any
 * other exception is a bug (exit code 1 and a stack trace in a log file).
 */
public class InputException extends RuntimeException {
    private final transient Path file;

    public InputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /**
     * Input that did not come from a file: a command-line option or a config setting.
     *
     * @param what the option or setting, as the user wrote it ("--labeled", "model.depth")
     */
    public InputException(String what, String problem) {
        super(what + ": " + problem);
        this.file = null;
    }

    /** The offending file, or null when the input did not come from a file. */
    public Path file() {
        return file;
    }
}
