package io.sedet.train;

/**
 * How a long run shows its progress. {@link #LINES}, the library's default, draws nothing live and
 * leaves {@link MetricsLog}'s plain line every {@code logEvery} iterations; the application's
 * terminal bar ({@code io.sedet.cli.TerminalProgress}) implements this on a terminal.
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
}
