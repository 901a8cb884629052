package io.sedet.eval.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.io.JsonFiles;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark harness (not a test): times COCO evaluation of a GT/results pair.
 *
 * <pre>java -cp ... io.sedet.eval.bench.CocoEvalBench GT.json DT.json [repeat=5]</pre>
 *
 * Prints one JSON line: {@code first_*} are the first run in a fresh JVM (what one
 * {@code sedet eval coco} call costs after JVM start), {@code load_s}/{@code eval_s}/{@code total_s}
 * the medians over all runs (warm JIT), and the 12 stats of the last run.
 */
public final class CocoEvalBench {
    private CocoEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CocoEvalBench GT.json DT.json [repeat]");
            System.exit(2);
        }
        Path gtFile = Path.of(args[0]);
        Path dtFile = Path.of(args[1]);
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[] load = new double[repeat];
        double[] eval = new double[repeat];
        CocoEvalResult last = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            Dataset gt = CocoJson.readInstances(gtFile, null);
            List<Detection> dt = CocoJson.readResults(dtFile, gt);
            long t1 = System.nanoTime();
            last = CocoEvaluator.evaluate(gt, dt);
            long t2 = System.nanoTime();
            load[i] = (t1 - t0) / 1e9;
            eval[i] = (t2 - t1) / 1e9;
        }
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("first_load_s", round(load[0]));
        o.put("first_eval_s", round(eval[0]));
        o.put("load_s", round(median(load)));
        o.put("eval_s", round(median(eval)));
        double[] total = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            total[i] = load[i] + eval[i];
        }
        o.put("total_s", round(median(total)));
        o.put("repeat", repeat);
        o.put("threads", Runtime.getRuntime().availableProcessors());
        ArrayNode stats = o.putArray("stats");
        for (double s : last.stats()) {
            stats.add(s);
        }
        System.out.println(JsonFiles.MAPPER.writeValueAsString(o));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
