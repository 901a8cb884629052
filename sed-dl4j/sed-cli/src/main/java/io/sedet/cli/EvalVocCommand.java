package io.sedet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import io.sedet.eval.voc.VocEvalResult;
import io.sedet.eval.voc.VocEvaluator;
import io.sedet.eval.voc.VocMetric;
import io.sedet.io.InputException;
import io.sedet.io.JsonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sedet eval voc --root VOCROOT --set test --dt DT.json [--metric voc07|voc12] [--json]}. */
@Command(name = "voc", mixinStandardHelpOptions = true,
        description = {"Pascal VOC evaluation with the devkit's semantics: AP per class at IoU 0.5 and mAP.",
            "DT.json is a COCO-style results list: image_id is the VOC id (\"2007_000027\"), category_id the",
            "1-based index in the class list, bbox [x, y, w, h] in continuous 0-based pixels."})
public final class EvalVocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", required = true, paramLabel = "VOCROOT",
            description = "Folder with Annotations/, JPEGImages/, ImageSets/Main/ (or a VOCdevkit folder holding one).")
    Path root;

    @Option(names = {"--image-set", "--set"}, defaultValue = "test", paramLabel = "NAME",
            description = "Image set in ImageSets/Main (default: ${DEFAULT-VALUE}); --set is its old, deprecated name.")
    String set;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "Detections (COCO results list).")
    Path dt;

    @Option(names = "--metric", defaultValue = "voc12",
            description = "voc07 (11-point) or voc12 (area under the curve; default).")
    String metric;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "Class-name list, one per line (default: the 20 VOC classes in alphabetical order).")
    Path classes;

    @Option(names = "--skip-unknown-classes", description = "Drop annotated objects whose class is not in the list instead of failing.")
    boolean skipUnknown;

    @Option(names = "--json", description = "Print one JSON object with keys mAP and perClass (null where a class has no objects).")
    boolean json;

    @picocli.CommandLine.Mixin
    QualityGate gate = new QualityGate();

    @Override
    public Integer call() throws Exception {
        VocMetric m = metric(metric);
        List<String> names = classes == null ? VocClasses.VOC20 : VocClasses.read(classes);
        Dataset gt = VocDevkit.read(root, set, names,
                skipUnknown ? VocDevkit.UnknownClass.SKIP : VocDevkit.UnknownClass.FAIL, false);
        List<Detection> dets = CocoJson.readResults(dt, gt);
        VocEvalResult r = VocEvaluator.evaluate(gt, dets, m);
        print(r, json, root + "/" + set, gt.images().size(), dets.size(), spec.commandLine().getOut());
        return gate.apply("eval voc " + set, r.metricsMap(), spec.commandLine().getErr());
    }

    /** {@code voc07} or {@code voc12}, as {@code --metric} names them. */
    static VocMetric metric(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "voc07" -> VocMetric.VOC07;
            case "voc12" -> VocMetric.VOC12;
            default -> throw new InputException("--metric", "must be voc07 or voc12, got '" + name + "'");
        };
    }

    /**
     * Prints the result: one JSON object ({@code mAP}, {@code perClass}) or a table headed by what
     * was evaluated ({@code where}, its image and detection counts).
     */
    static void print(VocEvalResult r, boolean json, String where, int images, int detections, PrintWriter out)
            throws java.io.IOException {
        if (json) {
            ObjectNode o = JsonFiles.MAPPER.createObjectNode();
            putNumberOrNull(o, "mAP", r.mAP());
            ObjectNode per = o.putObject("perClass");
            r.perClass().forEach((k, v) -> putNumberOrNull(per, k, v));
            out.println(JsonFiles.MAPPER.writeValueAsString(o));
        } else {
            out.println(String.format(Locale.ROOT, "VOC %s AP@0.5 on %s (%d images, %d detections)",
                    r.metric() == VocMetric.VOC07 ? "2007 11-point" : "2010+ area", where, images, detections));
            for (Map.Entry<String, Double> e : r.perClass().entrySet()) {
                out.println(String.format(Locale.ROOT, "  %-14s %s", e.getKey(), fmt(e.getValue())));
            }
            out.println(String.format(Locale.ROOT, "  %-14s %s", "mAP", fmt(r.mAP())));
        }
        out.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "  -    (no objects)" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void putNumberOrNull(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
