package io.sedet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
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

/** {@code sedet eval coco --gt GT.json --dt DT.json [--json] [--per-class] [--fail-under M=V] [--junit FILE]}. */
@Command(name = "coco", mixinStandardHelpOptions = true,
        description = "COCO bbox evaluation with pycocotools' semantics: the 12 summary numbers.")
public final class EvalCocoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO instances file (ground truth).")
    Path gt;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "COCO results file (detections).")
    Path dt;

    @Option(names = "--json", description = "Print one JSON object with keys AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl.")
    boolean json;

    @picocli.CommandLine.Mixin
    QualityGate gate = new QualityGate();

    @Option(names = "--per-class", description = "Also print AP@[.50:.95] of every category (text output).")
    boolean perClass;

    @Override
    public Integer call() throws Exception {
        Dataset gtData = CocoJson.readInstances(gt, null);
        List<Detection> dets = CocoJson.readResults(dt, gtData);
        CocoEvalResult r = CocoEvaluator.evaluate(gtData, dets);
        PrintWriter out = spec.commandLine().getOut();
        print(r, json, out);
        if (perClass && !json) {
            Map<Integer, Double> ap = r.perCategoryAp();
            out.println();
            out.println(String.format(Locale.ROOT, "%-24s %8s", "category", "AP"));
            for (Category c : r.categories()) {
                double v = ap.get(c.id());
                out.println(String.format(Locale.ROOT, "%-24s %8s", c.name(), v < 0 ? "-" : String.format(Locale.ROOT, "%.4f", v)));
            }
        }
        out.flush();
        return gate.apply("eval coco " + gt.getFileName(), r.statsMap(), spec.commandLine().getErr());
    }

    /** The 12 numbers as pycocotools' summary text, or as one JSON object. */
    static void print(CocoEvalResult r, boolean json, PrintWriter out) throws java.io.IOException {
        if (json) {
            ObjectNode o = JsonFiles.MAPPER.createObjectNode();
            r.statsMap().forEach(o::put);
            out.println(JsonFiles.MAPPER.writeValueAsString(o));
        } else {
            out.print(r.summaryText());
        }
    }
}
