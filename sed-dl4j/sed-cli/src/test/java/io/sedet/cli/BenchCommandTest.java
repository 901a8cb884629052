package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's JSON line uses the peer script's keys, with --mode sed as well. */
class BenchCommandTest {
    @Test
    void sedModePrintsThePeersKeys() throws Exception {
        SedetCliTest.Run r = SedetCliTest.run("bench", "--mode", "sed", "--width", "0.125", "--fpn", "16", "--head-convs", "1",
                "--size", "128", "--classes", "3", "--warmup", "0", "--steps", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        for (String k : new String[] {"train_step_ms", "infer_ms", "sed_step_ms", "peak_rss_mb", "train_peak_rss_mb",
            "train_pool_mb"}) {
            assertTrue(j.path(k).asDouble() > 0, k + " in " + j);
        }
        assertTrue(j.path("infer_postprocess_ms").asDouble() >= 0 && j.path("infer_postprocess_ms").asDouble() <= j.path("infer_ms").asDouble(), j.toString());
        assertTrue(j.path("train_peak_rss_mb").asDouble() <= j.path("peak_rss_mb").asDouble(), j.toString());
        // the peer's layout by default (P6 from P5); P6 from C5 convolves C5's wider channels
        assertEquals("p5", j.path("p6_from").asText());
        SedetCliTest.Run c5 = SedetCliTest.run("bench", "--p6-from", "c5", "--width", "0.125", "--fpn", "16", "--head-convs",
                "1", "--size", "128", "--classes", "3", "--warmup", "0", "--steps", "1");
        assertEquals(0, c5.code(), c5.err());
        JsonNode k = new ObjectMapper().readTree(c5.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        // ResNet-18 at width 1/8: C5 has 64 channels, P5 16, so P6's 3x3 weights grow by (64 - 16)·9·16
        assertEquals(j.path("params").asLong() + (64 - 16) * 9 * 16, k.path("params").asLong(), k.toString());
        assertEquals(2, SedetCliTest.run("bench", "--mode", "semi", "--steps", "1", "--warmup", "0", "--width", "0.125",
                "--fpn", "16", "--head-convs", "1", "--size", "128").code());
    }
}
