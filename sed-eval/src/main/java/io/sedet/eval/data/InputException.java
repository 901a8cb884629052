package io.sedet.eval.data;

import java.nio.file.Path;

/**
 * Malformed or inconsistent input: names the file and what is wrong with it. The CLI prints
 * {@link #getMessage()} as its one error line.
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

    /** The offending file, or null when the input did not come from a file. */
    public Path file() {
        return file;
    }
}
