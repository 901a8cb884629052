package io.sedet.backend;

import io.sedet.cli.Sedet;
import io.sedet.config.PostprocessConfig;
import io.sedet.kernels.exec.KernelMode;
import io.sedet.kernels.exec.OpenClDevices;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.PredictedBox;
import io.sedet.testing.RepoFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend selection, and the OpenCL kernels giving the CPU's detections on real images. */
class BackendTest {
    @TempDir
    Path dir;

    @Test
    void explicitBackendsThatAreMissingFail() {
        Compute cpu = Backends.select(Backend.CPU, null, m -> { });
        assertEquals(KernelMode.REFERENCE, cpu.runtime().mode());
        assertTrue(cpu.description().contains("ND4J native CPU"), cpu.description());
        var e = assertThrows(Backends.UnavailableException.class, () -> Backends.select(Backend.CUDA, null, m -> { }));
        assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
        e = assertThrows(Backends.UnavailableException.class,
                () -> Backends.select(Backend.OPENCL, "no-such-device-anywhere", m -> { }));
        assertTrue(e.getMessage().contains("no-such-device-anywhere") || e.getMessage().contains("no OpenCL device"), e.getMessage());
        assertThrows(io.sedet.io.InputException.class, () -> Backend.parse("gpu"));
        // auto never picks a CPU OpenCL device
        Compute auto = Backends.select(Backend.AUTO, null, m -> { });
        assertTrue(auto.runtime().mode() != KernelMode.OPENCL || OpenClDevices.list().stream()
                .anyMatch(d -> d.getType() != com.aparapi.device.Device.TYPE.CPU));

        StringWriter err = new StringWriter();
        int code = Sedet.run(new String[] {"bench", "--backend", "cuda", "--steps", "1", "--warmup", "0"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Sedet.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().startsWith("sedet: error: --backend cuda"), err.toString());
    }

    /**
     * A short training run with {@code --backend opencl}, then predictions of its model on VOC
     * images with the OpenCL kernels and with the plain-Java ones: the same detections. The
     * 2-iteration model scores everything near the prior (below 0.05), so its class bias is raised
     * to make ~100 detections per image of varied scores. Tolerance: resize on OpenCL rounds
     * differently in the last bits, so the network sees inputs that differ by ~1e-4; every CPU
     * detection must have an OpenCL one of the same class with IoU ≥ 0.99 and a score within 1e-3,
     * except at most 3% (near-ties that the score order or NMS resolves the other way).
     */
    @Test
    void openClTrainsAndPredictsLikeCpu() throws Exception {
        if (OpenClDevices.list().isEmpty()) {
            boolean required = Boolean.getBoolean("sedet.opencl.required") || "1".equals(System.getenv("SEDET_OPENCL_REQUIRED"));
            if (required) {
                throw new AssertionError("no OpenCL device found but OpenCL is required (install pocl-opencl-icd)");
            }
            Assumptions.abort("no OpenCL device: skipped (install pocl-opencl-icd to run it)");
        }
        Path run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--backend", "opencl", "--out", run.toString(),
                "--iterations", "2", "--batch", "2"));
        for (String s : List.of("shapes.train=8", "shapes.val=2", "shapes.imageSize=128", "input.height=128",
                "input.width=128", "model.width=0.125", "model.fpnChannels=16", "model.headConvs=1", "evalEvery=100")) {
            args.add("--set");
            args.add(s);
        }
        StringWriter out = new StringWriter();
        int code = Sedet.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(out));
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("kernels: Aparapi on OpenCL"), out.toString());

        DetectorModel m = DetectorModel.load(run.resolve("model.sedet"));
        m.params().get("head.cls.out.b").assign(0.0);
        Path images = RepoFiles.vocMini().resolve("JPEGImages");
        List<String> ids = List.of("2007_000027", "2007_000032", "2007_000033");
        List<BufferedImage> imgs = new ArrayList<>();
        for (String id : ids) {
            imgs.add(ImageIO.read(images.resolve(id + ".jpg").toFile()));
        }
        Compute cpu = Compute.reference();
        Compute cl = Backends.select(Backend.OPENCL, null, msg -> { });
        List<List<PredictedBox>> a = m.predictor(PostprocessConfig.retinaNet(), 2, cpu).predict(imgs);
        List<List<PredictedBox>> b = m.predictor(PostprocessConfig.retinaNet(), 2, cl).predict(imgs);
        int countA = a.stream().mapToInt(List::size).sum();
        int countB = b.stream().mapToInt(List::size).sum();
        assertTrue(countA > 100, "too few detections to compare: " + countA);
        int unmatched = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (PredictedBox d : a.get(i)) {
                boolean found = b.get(i).stream().anyMatch(x -> x.label() == d.label()
                        && Math.abs(x.score() - d.score()) <= 1e-3 && x.box().iou(d.box()) >= 0.99);
                unmatched += found ? 0 : 1;
            }
        }
        assertTrue(unmatched <= 0.03 * countA, unmatched + " of " + countA + " CPU detections without an OpenCL twin");
        assertTrue(Math.abs(countA - countB) <= 0.03 * countA, countA + " vs " + countB);
    }
}
