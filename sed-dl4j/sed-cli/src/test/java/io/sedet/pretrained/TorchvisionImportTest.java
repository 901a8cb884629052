package io.sedet.pretrained;

import io.sedet.checkpoint.Checkpoint;
import io.sedet.cli.SedetCliTest;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.RetinaNet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * torchvision's own ResNet with random weights (made by {@code src/test/python/make_torchvision_backbone.py}
 * with Debian's python3-torch), imported, gives the same C3–C5 as torchvision on the same input.
 * Skipped without python3-torch unless {@code SEDET_TORCH_REQUIRED=1} (CI installs it and sets that).
 */
class TorchvisionImportTest {
    /** Largest |ours − torchvision| relative to the largest |torchvision| of a feature map. */
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Path python() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        boolean ok = Files.isExecutable(py) && new ProcessBuilder(py.toString(), "-c", "import torch, torchvision")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!ok) {
            if ("1".equals(System.getenv("SEDET_TORCH_REQUIRED"))) {
                fail("SEDET_TORCH_REQUIRED=1 but /usr/bin/python3 cannot import torch and torchvision");
            }
            Assumptions.abort("no python3-torch here (apt-get install python3-torch python3-torchvision)");
        }
        return py;
    }

    static Path fixture(Path dir, int depth) throws Exception {
        Path script = Path.of("src/test/python/make_torchvision_backbone.py").toAbsolutePath();
        Process p = new ProcessBuilder(python().toString(), script.toString(), "--depth", Integer.toString(depth),
                "--out", dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "fixture script timed out");
        assertEquals(0, p.exitValue(), log);
        return dir.resolve("resnet" + depth + ".safetensors");
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 50})
    void importedBackboneGivesTorchvisionsFeatures(int depth) throws Exception {
        Path weights = fixture(dir, depth);
        Path backbone = dir.resolve("r" + depth + ".sedet");
        SedetCliTest.Run r = SedetCliTest.run("import-backbone", "--from", "torchvision", weights.toString(), "--depth",
                Integer.toString(depth), "--out", backbone.toString());
        assertEquals(0, r.code(), r.err() + r.out());

        TrainConfig cfg = TrainConfig.preset("shapes-small", Map.of("model.depth", Integer.toString(depth),
                "model.width", "1"));
        DetectorSpec spec = cfg.detectorSpec(1);
        DetectorParams params = DetectorParams.initial(spec, 128, 128);
        io.sedet.session.TrainingSession.initBackbone(params, spec.backbone().style(), backbone);
        Map<String, SafeTensors.Tensor> expected = SafeTensors.read(dir.resolve("expected.safetensors"));
        SafeTensors.Tensor input = expected.get("input");
        SameDiff sd = SameDiff.create();
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.INFER, DataType.FLOAT, 0);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, input.shape());
        SDVariable[] c = net.features(x);
        Map<String, INDArray> out = sd.output(Map.of("x", Nd4j.create(input.values(), input.shape(), 'c')),
                c[1].name(), c[2].name(), c[3].name());
        for (int level = 3; level <= 5; level++) {
            SafeTensors.Tensor ref = expected.get("c" + level);
            INDArray ours = out.get(c[level - 2].name());
            assertEquals(java.util.Arrays.toString(ref.shape()), java.util.Arrays.toString(ours.shape()), "C" + level);
            float[] o = ours.dup('c').data().asFloat();
            double maxRef = 0;
            double maxDiff = 0;
            for (int i = 0; i < o.length; i++) {
                maxRef = Math.max(maxRef, Math.abs(ref.values()[i]));
                maxDiff = Math.max(maxDiff, Math.abs(o[i] - ref.values()[i]));
            }
            assertTrue(maxRef > 0, "C" + level + " is not all zero");
            System.out.printf(java.util.Locale.ROOT, "ResNet-%d C%d: max |diff| %.3g, max |torchvision| %.3g%n", depth,
                    level, maxDiff, maxRef);
            assertTrue(maxDiff <= TOLERANCE * maxRef, "ResNet-" + depth + " C" + level + ": max |diff| " + maxDiff
                    + " against max |torchvision| " + maxRef);
        }
        if (depth == 18) {
            fineTunes(backbone);
            // the wrong depth is named as such
            SedetCliTest.Run wrong = SedetCliTest.run("import-backbone", "--from", "torchvision", weights.toString(),
                    "--depth", "50", "--out", dir.resolve("x.sedet").toString());
            assertEquals(2, wrong.code());
            assertTrue(wrong.err().contains("is the depth right?"), wrong.err());
        }
    }

    /** A short fine-tuning run from the imported backbone (frozen BatchNorm, stem and layer1) works end to end. */
    private void fineTunes(Path backbone) throws Exception {
        Path run = dir.resolve("finetune");
        List<String> args = new ArrayList<>(List.of("train", "--out", run.toString()));
        for (String s : new String[] {"init=" + backbone, "model.depth=18", "model.width=1", "model.norm=frozen", "model.freezeAt=2",
            "model.fpnChannels=32", "model.headConvs=1", "shapes.train=8", "shapes.val=2", "shapes.imageSize=128",
            "input.height=128", "input.width=128", "batchSize=2", "iterations=2", "logEvery=1", "evalEvery=1000",
            "checkpointEvery=1000", "schedule.warmupIters=1"}) {
            args.add("--set");
            args.add(s);
        }
        SedetCliTest.Run r = SedetCliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("backbone: "), r.out());
        assertTrue(Files.exists(run.resolve("model.sedet")));
    }

    @Test
    void notSafetensorsIsAnInputError() throws Exception {
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        InputException e = assertThrows(InputException.class, () -> SafeTensors.read(junk));
        assertTrue(e.getMessage().contains("junk.safetensors") && e.getMessage().contains("not a safetensors file"),
                e.getMessage());
    }

    @Test
    void halfPrecisionIsRead() {
        assertEquals(1.0f, SafeTensors.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, SafeTensors.halfToFloat((short) 0xc000));
        assertEquals(65504f, SafeTensors.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, SafeTensors.halfToFloat((short) 0x0001));
        assertTrue(Float.isInfinite(SafeTensors.halfToFloat((short) 0x7c00)));
    }
}
