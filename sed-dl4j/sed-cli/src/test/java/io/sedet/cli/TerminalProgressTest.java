package io.sedet.cli;

import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.ProgressView;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live bar replaces the periodic lines; the metrics log is the same either way. */
class TerminalProgressTest {
    @TempDir
    Path dir;

    @Test
    void aLiveBarShowsProgressAndLossInsteadOfLines() throws Exception {
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        StringWriter console = new StringWriter();
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(3), dir.resolve("bar")).console(new PrintWriter(console)))
                .progress(TerminalProgress.on(new PrintStream(bar, true, StandardCharsets.UTF_8))).run();
        String drawn = bar.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("train") && drawn.contains("100%") && drawn.contains("3/3") && drawn.contains("loss "),
                drawn);
        assertTrue(!console.toString().contains("[     1/3]"), "a live bar and the plain lines at once: " + console);

        StringWriter plain = new StringWriter();
        TrainingSession.open(TrainingRequest.fresh(TinyRuns.config(3), dir.resolve("lines")).console(new PrintWriter(plain))).run();
        assertTrue(plain.toString().contains("[     1/3]"), plain.toString());
        assertEquals(TinyRuns.losses(dir.resolve("lines/metrics.jsonl")).keySet(),
                TinyRuns.losses(dir.resolve("bar/metrics.jsonl")).keySet());
    }
}
