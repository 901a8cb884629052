package io.sedet.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How a long command shows its progress. On a terminal a live bar (me.tongfei:progressbar) with
 * the rate, the ETA and the current loss terms, redrawn every step; otherwise (a log file, CI)
 * nothing live, and {@link MetricsLog} prints its plain line every {@code logEvery} iterations.
 */
public interface ProgressView extends AutoCloseable {
    /** Plain lines only: what logs and CI get. */
    ProgressView LINES = new ProgressView() {
        @Override
        public void begin(String task, long from, long total) {
        }

        @Override
        public void step(long done, String message) {
        }

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** Starts a task of {@code total} steps of which {@code from} are done (a resumed run). */
    void begin(String task, long from, long total);

    /** {@code done} steps are done; {@code message} is shown beside the bar (loss terms). */
    void step(long done, String message);

    /** Whether a live bar is shown (then the periodic plain lines are left out). */
    boolean live();

    @Override
    void close();

    /** A live bar when this JVM runs on a terminal, else {@link #LINES}. */
    static ProgressView forConsole() {
        return onTerminal() ? terminal(System.err) : LINES;
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

    /** A live bar drawn on {@code out}. */
    static ProgressView terminal(PrintStream out) {
        return new ProgressView() {
            private ProgressBar bar;

            @Override
            public void begin(String task, long from, long total) {
                close();
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(from, Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
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
        };
    }
}
