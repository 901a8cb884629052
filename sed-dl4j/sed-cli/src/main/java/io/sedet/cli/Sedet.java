package io.sedet.cli;

import io.sedet.backend.Backends;
import io.sedet.io.InputException;
import io.sedet.kernels.exec.KernelFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The {@code sedet} command line: {@code sedet <command> [options]}. Bad input
 * ({@link InputException}) and an output that cannot be written ({@link io.sedet.io.OutputException}:
 * a full disk) end with exit code 2 and one line {@code sedet: error: <file>: <problem>}
 * on standard error; any other exception is a bug: exit code 1, one line pointing to the
 * {@link CrashReport} file that holds the stack trace.
 */
@Command(name = "sedet", mixinStandardHelpOptions = true, versionProvider = Sedet.Version.class,
        description = "SED: semi-supervised object detection on the JVM (Scale-Equivalent Distillation).",
        subcommands = {DemoCommand.class, TrainCommand.class, PredictCommand.class, EvalCommand.class, ReportCommand.class, AnalyzeCommand.class, ExportCommand.class, ImportBackboneCommand.class, SplitCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Sedet implements Runnable {
    /** Exit code of an internal error (a bug): the stack trace goes to a {@link CrashReport} file. */
    public static final int EXIT_BUG = 1;

    /** Exit code of bad input, bad usage or an unavailable backend. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sedet <version>}, the version of the build (its POM's, written into a resource when it builds). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Sedet.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return new String[] {"sedet (version unknown: built without its resources)"};
                }
                p.load(in);
            }
            return new String[] {"sedet " + p.getProperty("version")};
        }
    }

    /** The command line's logback configuration, a class-path resource (not a root {@code logback.xml}). */
    static final String LOGGING = "io/sedet/cli/logback-cli.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);   // before the first logger
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(commandLine(out, err), args);
    }

    /** Runs a command line made by {@link #commandLine} and flushes its streams. */
    static int run(CommandLine cl, String[] args) {
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    /**
     * The command line with its exit-code policy: bad input exits {@value #EXIT_BAD_INPUT} with one
     * line, anything else is a bug and exits {@value #EXIT_BUG} with a {@link CrashReport}.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Sedet());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputException input) {
                cl.getErr().println("sedet: error: " + SettingFlags.message(input));
                return EXIT_BAD_INPUT;
            }
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof io.sedet.io.OutputException unwritten) {
                    cl.getErr().println("sedet: error: " + unwritten.getMessage() + (unwritten.noSpace()
                            ? " -- free some space and run the same command again (train: with --resume); "
                            + "the files written before, the last checkpoint among them, are intact" : ""));
                    return EXIT_BAD_INPUT;
                }
            }
            if (ex instanceof Backends.UnavailableException || ex instanceof KernelFailedException) {
                // "backend cuda: ..." names the setting the CLI calls --backend
                String m = ex.getMessage();
                cl.getErr().println("sedet: error: " + (m != null && m.startsWith("backend ") ? "--" + m : m));
                return EXIT_BAD_INPUT;
            }
            cl.getErr().println(CrashReport.write(ex, parseResult.originalArgs().toArray(String[]::new)));
            return EXIT_BUG;
        });
        return cl;
    }
}
