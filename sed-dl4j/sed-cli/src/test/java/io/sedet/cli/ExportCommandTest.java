package io.sedet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.anchor.AnchorGenerator;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.model.DetectorParams;
import io.sedet.model.InferenceGraph;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sedet export}: plain SameDiff loads the file and computes what predict's graph computes. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void theExportedGraphGivesPredictsOutputs() throws Exception {
        TrainConfig c = TinyRuns.config(1);
        var spec = c.detectorSpec(3);
        DetectorParams params = DetectorParams.initial(spec, 128, 128, 11);
        // BatchNorm statistics away from (0, 1), so that folding them is tested
        SplittableRandom r = new SplittableRandom(5);
        new java.util.LinkedHashMap<>(params.running()).forEach((name, a) -> {
            float[] v = new float[(int) a.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("var") ? (float) (0.5 + r.nextDouble()) : (float) (r.nextDouble() - 0.5);
            }
            params.set(name, Nd4j.create(v, a.shape(), 'c'));
        });
        Path model = dir.resolve("m.ckpt");
        Checkpoint.save(model, new Checkpoint.Content(0, List.of("cat", "dog", "bird"), c, params, Map.of(), 0, Map.of()));
        Path fb = dir.resolve("out").resolve("model.fb");
        SedetCliTest.Run run = SedetCliTest.run("export", "--model", model.toString(), "--out", fb.toString());
        assertEquals(0, run.code(), run.err() + run.out());

        float[] x = new float[2 * 3 * 128 * 128];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        InferenceGraph.Output expected = new InferenceGraph(spec, params, 128, 128).run(x, 2);

        SameDiff loaded = SameDiff.fromFlatFile(fb.toFile());
        INDArray in = Nd4j.create(x, new long[] {2, 3, 128, 128}, 'c');
        Map<String, INDArray> out = loaded.output(Map.of(InferenceGraph.IMAGES, in), InferenceGraph.SCORES,
                InferenceGraph.DELTAS);
        assertArrayEquals(expected.scores(), out.get(InferenceGraph.SCORES).dup('c').data().asFloat(), 1e-5f);
        assertArrayEquals(expected.deltas(), out.get(InferenceGraph.DELTAS).dup('c').data().asFloat(), 1e-4f);
        float[] anchors = loaded.getVariable(InferenceGraph.ANCHORS).getArr().dup('c').data().asFloat();
        assertArrayEquals(new AnchorGenerator(spec.anchors()).all(128, 128), anchors, 0f);

        JsonNode contract = new ObjectMapper().readTree(dir.resolve("out").resolve("model.fb.json").toFile());
        assertEquals("cat", contract.get("classes").get(0).asText());
        assertEquals(expected.numAnchors(), contract.get("outputs").get("scores").get("shape").get(1).asInt());
        assertEquals(0.485, contract.get("input").get("mean").get(0).asDouble(), 1e-6);
        assertTrue(run.out().contains("wrote"), run.out());

        SedetCliTest.Run bad = SedetCliTest.run("export", "--model", dir.resolve("none.sedet").toString(), "--out",
                dir.resolve("x.fb").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("none.sedet"), bad.err());
    }
}
