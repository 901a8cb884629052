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
        for (String k : new String[] {"train_step_ms", "infer_ms", "sed_step_ms", "peak_rss_mb"}) {
            assertTrue(j.path(k).asDouble() > 0, k + " in " + j);
        }
        assertEquals(2, SedetCliTest.run("bench", "--mode", "semi", "--steps", "1", "--warmup", "0", "--width", "0.125",
                "--fpn", "16", "--head-convs", "1", "--size", "128").code());
    }
}
