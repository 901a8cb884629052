package io.sedet.eval.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.eval.SharedData;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares {@link CocoEvaluator} with pycocotools on the cases in {@code resources/coco-cases},
 * whose expected values were computed by {@code src/test/python/make_coco_cases.py} with
 * pycocotools 2.0.11 and committed with them. Tolerance 1e-9 (the requirement is 1e-6).
 */
class PycocotoolsCasesTest {
    private static final double TOL = 1e-9;

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = casesDir();
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.size() < 10) {
                throw new AssertionError("expected the committed pycocotools cases in " + dir + ", found " + names);
            }
            return names.stream();
        }
    }

    static Path casesDir() throws URISyntaxException {
        return Path.of(PycocotoolsCasesTest.class.getResource("/coco-cases").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithPycocotools(String name) throws Exception {
        Path dir = casesDir().resolve(name);
        Path gtFile = dir.resolve("gt.json");
        if (!Files.exists(gtFile)) {
            gtFile = SharedData.require().resolve(Files.readString(dir.resolve("gt.ref")).strip());
        }
        Dataset gt = CocoJson.readInstances(gtFile, null);
        List<Detection> dt = CocoJson.readResults(dir.resolve("dt.json"), gt);
        JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());

        CocoEvaluator ev = new CocoEvaluator(gt, dt);
        ev.evaluate();
        CocoEvalResult r = ev.accumulate();
        CocoEvalResult.Shape s = r.shape();
        assertEquals(exp.get("shape").get(2).asInt(), s.numCats(), "K");

        double[] stats = r.stats();
        for (int i = 0; i < 12; i++) {
            assertEquals(exp.get("stats").get(i).asDouble(), stats[i], TOL,
                    name + " stats[" + i + "] " + CocoEvalResult.STAT_NAMES.get(i));
        }
        int n = 0;
        for (int t = 0; t < s.numThr(); t++) {
            for (int k = 0; k < s.numCats(); k++) {
                for (int a = 0; a < s.numAreas(); a++) {
                    for (int m = 0; m < s.numMax(); m++) {
                        String at = name + " [t=" + t + ",k=" + k + ",a=" + a + ",m=" + m + "]";
                        assertEquals(exp.get("recall").get(n).asDouble(), r.recall(t, k, a, m), TOL, "recall" + at);
                        assertEquals(exp.get("precisionMeanR").get(n).asDouble(),
                                meanOverR(r, t, k, a, m, false), TOL, "precision" + at);
                        assertEquals(exp.get("scoresMeanR").get(n).asDouble(),
                                meanOverR(r, t, k, a, m, true), TOL, "scores" + at);
                        n++;
                    }
                }
            }
        }
        if (exp.has("precision")) {
            JsonNode p = exp.get("precision");
            int q = 0;
            for (int t = 0; t < s.numThr(); t++) {
                for (int rr = 0; rr < s.numRec(); rr++) {
                    for (int k = 0; k < s.numCats(); k++) {
                        for (int a = 0; a < s.numAreas(); a++) {
                            for (int m = 0; m < s.numMax(); m++) {
                                assertEquals(p.get(q++).asDouble(), r.precision(t, rr, k, a, m), TOL,
                                        name + " precision[" + t + "," + rr + "," + k + "," + a + "," + m + "]");
                            }
                        }
                    }
                }
            }
        }
        Map<Integer, Double> perCat = r.perCategoryAp();
        exp.get("perCategoryAp").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), perCat.get(Integer.parseInt(e.getKey())), TOL,
                        name + " AP of category " + e.getKey()));
    }

    /** The mean over R as the generator computes it: -1 when the column is undefined. */
    private static double meanOverR(CocoEvalResult r, int t, int k, int a, int m, boolean scores) {
        double sum = 0;
        for (int rr = 0; rr < r.shape().numRec(); rr++) {
            double v = scores ? r.score(t, rr, k, a, m) : r.precision(t, rr, k, a, m);
            if (v == -1) {
                return -1;
            }
            sum += v;
        }
        return sum / r.shape().numRec();
    }
}
