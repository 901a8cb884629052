package io.sedet.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedet.config.TrainConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings for training runs small enough for unit tests (a few seconds each). */
public final class TinyRuns {
    private TinyRuns() {
    }

    public static Map<String, String> overrides(long iterations) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("shapes.train", "16");
        o.put("shapes.val", "4");
        o.put("shapes.imageSize", "128");
        o.put("input.height", "128");
        o.put("input.width", "128");
        o.put("model.width", "0.125");
        o.put("model.fpnChannels", "16");
        o.put("model.headConvs", "1");
        o.put("batchSize", "2");
        o.put("iterations", Long.toString(iterations));
        o.put("evalEvery", "1000");
        o.put("checkpointEvery", "1000");
        o.put("logEvery", "1");
        o.put("schedule.warmupIters", "2");
        return o;
    }

    public static TrainConfig config(long iterations) {
        return TrainConfig.preset("shapes-small", overrides(iterations));
    }

    /**
     * A tiny teacher–student run: half of the 16 training images labeled, burn-in of
     * {@code burnIn} iterations, teacher momentum 0.9.
     */
    public static Map<String, String> semi(String method, long iterations, long burnIn) {
        Map<String, String> o = overrides(iterations);
        o.put("semi.method", method);
        o.put("semi.labeled", "\"0.5\"");
        o.put("semi.burnIn", Long.toString(burnIn));
        o.put("semi.teacherMomentum", "0.9");
        return o;
    }

    /** The step records of a run's metrics.jsonl: iteration -> total loss, in file order (evaluation records left out). */
    public static Map<Long, Double> losses(Path metrics) throws IOException {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = TrainConfig.JSON.readTree(line);
            if (n.has("loss")) {
                out.put(n.get("iteration").asLong(), n.get("loss").asDouble());
            }
        }
        return out;
    }
}
