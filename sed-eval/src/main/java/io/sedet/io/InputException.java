package io.sedet.io;

import java.nio.file.Path;

/**
 * Malformed or inconsistent input: names the file (or the option or setting) and what is wrong
 * with it. The CLI prints {@link #getMessage()} as its one error line and exits with code 2; any
 * other exception is a bug (exit code 1 and a stack trace in a log file).
 */
public class InputException extends RuntimeException {
    private final transient Path file;
    private final String setting;
    private final String problem;

    public InputException(Path file, String problem) {
        this(file, problem, null);
    }

    public InputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.setting = null;
        this.problem = problem;
    }

    /**
     * Input that did not come from a file: a config setting or a parameter of a library call.
     * The library names config keys ({@code "semi.labeled"}, {@code "model.depth"}); the command
     * line shows its own flag for a key where it has one.
     *
     * @param setting the key or parameter
     */
    public InputException(String setting, String problem) {
        super(setting + ": " + problem);
        this.file = null;
        this.setting = setting;
        this.problem = problem;
    }

    /** The offending file, or null when the input did not come from a file. */
    public Path file() {
        return file;
    }

    /** The offending setting (a config key or a parameter), or null for a file. */
    public String setting() {
        return setting;
    }

    /** What is wrong, without the file or setting. */
    public String problem() {
        return problem;
    }
}
