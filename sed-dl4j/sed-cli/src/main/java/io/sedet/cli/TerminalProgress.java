package io.sedet.cli;

import io.sedet.train.ProgressView;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The command line's {@link ProgressView}: on a terminal a live bar (me.tongfei:progressbar) with
 * the rate, the ETA and the current loss terms, redrawn every step; otherwise (a log file, CI)
 * {@link ProgressView#LINES}.
 */
final class TerminalProgress implements ProgressView {
    private final PrintStream out;
    private ProgressBar bar;

    private TerminalProgress(PrintStream out) {
        this.out = out;
    }

    /** A live bar when this JVM runs on a terminal, else {@link ProgressView#LINES}. */
    static ProgressView forConsole() {
        return onTerminal() ? on(System.err) : LINES;
    }

    /** A live bar drawn on {@code out}. */
    static ProgressView on(PrintStream out) {
        return new TerminalProgress(out);
    }

    /**
     * Whether standard input and output are a terminal: {@link System#console()} is null otherwise
     * up to Java 21; from Java 22 it may be a console on pipes too, and {@code Console.isTerminal()}
     * tells.
     */
    private static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void begin(String task, long from, long total) {
        close();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(from, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void step(long done, String message) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(message);
        }
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
