package io.sedet.kernels.bench;

import com.aparapi.device.OpenCLDevice;
import io.sedet.kernels.box.BoxKernels;
import io.sedet.kernels.exec.KernelRuntime;
import io.sedet.kernels.exec.OpenClDevices;
import io.sedet.kernels.image.ImageKernels;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Times every kernel on the plain-Java reference, on Aparapi's Java thread pool and on the first
 * OpenCL device (when there is one), on workloads of a 512×512 RetinaNet (49 104 anchors), in one
 * run. Medians of {@code reps} timed calls after warm-up; the first OpenCL call of each kernel
 * (compilation) is not timed.
 */
public final class KernelBench {
    private KernelBench() {
    }

    /** One timed operation. */
    private interface Op {
        void run(BoxKernels boxes, ImageKernels images);
    }

    public static void run(int reps, String openClFilter, PrintWriter out) {
        Random r = new Random(7);
        float[] anchors = boxes(r, 49_104, 512, 180);
        float[] gt = boxes(r, 20, 512, 180);
        int[] matches = BoxKernels.retinaNet(KernelRuntime.reference()).match(anchors, gt);
        float[] targets = new float[4 * 49_104];
        float[] scores = new float[49_104 * 20];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.nextFloat() * r.nextFloat() * r.nextFloat();
        }
        float[] deltas = new float[4 * 49_104];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = (float) r.nextGaussian() * 0.5f;
        }
        int[] cand = new int[5000];
        for (int i = 0; i < cand.length; i++) {
            cand[i] = r.nextInt(49_104);
        }
        float[] nmsBoxes = boxes(r, 5000, 512, 120);
        float[] nmsScores = new float[5000];
        int[] nmsClasses = new int[5000];
        for (int i = 0; i < 5000; i++) {
            nmsScores[i] = r.nextFloat();
            nmsClasses[i] = r.nextInt(20);
        }
        float[] photo = new float[3 * 750 * 1000];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = r.nextInt(256);
        }
        float[] small = new float[3 * 384 * 512];
        float[] canvas = new float[3 * 512 * 512];

        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("match 49104x20", (b, im) -> b.match(anchors, gt));
        ops.put("encode 49104", (b, im) -> b.encode(anchors, gt, matches, targets, 0));
        ops.put("threshold 982080", (b, im) -> b.above(scores, 0, scores.length, 0.05f));
        ops.put("decode 5000", (b, im) -> b.decode(anchors, deltas, cand, cand, 512, 512));
        ops.put("nms 5000 (20 classes)", (b, im) -> b.nms(nmsBoxes, nmsScores, nmsClasses, 0.5f));
        ops.put("resize 1000x750->512x384", (b, im) -> im.resize(photo, 3, 750, 1000, 384, 512));
        ops.put("normalize 512x384->512x512", (b, im) -> im.normalize(small, 384, 512, 512, 512, true, 0.1f, 1.1f, 0.9f,
                canvas, 0));
        float[] gauss = io.sedet.kernels.image.ImageOps.gaussian(1.5);
        ops.put("blur 512x512 sigma 1.5", (b, im) -> im.blur(canvas, 3, 512, 512, gauss));
        int[] cutouts = {10, 10, 110, 90, 200, 300, 260, 400, 400, 20, 500, 60};
        ops.put("erase 3 rects 512x512", (b, im) -> im.erase(canvas, 0, 512, 512, cutouts, 0f));

        List<String> names = new ArrayList<>(List.of("reference", "java-threads"));
        List<KernelRuntime> runtimes = new ArrayList<>(List.of(KernelRuntime.reference(), KernelRuntime.javaThreads()));
        Optional<OpenCLDevice> d = OpenClDevices.pick(openClFilter);
        d.ifPresent(dev -> {
            names.add("opencl");
            runtimes.add(KernelRuntime.strict(dev));
        });
        out.println("# kernels, median ms of " + reps + " calls; cores: " + Runtime.getRuntime().availableProcessors()
                + (d.map(x -> "; OpenCL: " + OpenClDevices.describe(x)).orElse("; no OpenCL device")));
        out.printf("%-28s", "kernel");
        for (String n : names) {
            out.printf(" %14s", n);
        }
        out.println();
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            out.printf("%-28s", e.getKey());
            for (KernelRuntime rt : runtimes) {
                try (BoxKernels b = BoxKernels.retinaNet(rt); ImageKernels im = new ImageKernels(rt)) {
                    for (int i = 0; i < 3; i++) {
                        e.getValue().run(b, im);
                    }
                    double[] t = new double[reps];
                    for (int i = 0; i < reps; i++) {
                        long t0 = System.nanoTime();
                        e.getValue().run(b, im);
                        t[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    Arrays.sort(t);
                    out.printf(" %14.2f", t[reps / 2]);
                }
            }
            out.println();
            out.flush();
        }
    }

    private static float[] boxes(Random r, int n, float extent, float maxSize) {
        float[] b = new float[4 * n];
        for (int i = 0; i < n; i++) {
            float x = r.nextFloat() * extent;
            float y = r.nextFloat() * extent;
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 2 + r.nextFloat() * maxSize;
            b[4 * i + 3] = y + 2 + r.nextFloat() * maxSize;
        }
        return b;
    }
}
