package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.voc.VocEvalResult;
import io.sedet.eval.voc.VocEvaluator;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.Predictor;
import io.sedet.predict.SourceEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sedet eval model --model M [--data D] [--image-set NAME] [--metric coco|voc07|voc12]
 * [--conf P] [--iou T] [--max-det N] [--json] [--fail-under M=V] [--junit FILE]}: a model's metrics on one
 * image set, the only set read.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on one image set of a dataset (default: the validation set of the one",
            "it was trained on): the 12 COCO numbers, or VOC AP@0.5 per class and mAP. Only that set is read."})
public final class EvalModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint.")
    Path model;

    @Option(names = "--data", description = "shapes | voc:ROOT | coco:GT.json,IMAGEDIR (default: the model's training data).")
    String data;

    @Option(names = "--image-set", paramLabel = "NAME",
            description = {"voc: ImageSets/Main/NAME.txt (default: the model's voc.valSet); shapes: val or test",
                "(default val); a coco: source is the set its annotation file lists."})
    String imageSet;

    @Option(names = "--metric", defaultValue = "coco", paramLabel = "coco|voc07|voc12",
            description = {"coco (default: AP, AP50, ... as pycocotools), voc07 (11-point) or voc12 (area): VOC",
                "AP@0.5 per class (AP/<class>) and mAP, the devkit's rules."})
    String metric;

    @Option(names = "--json", description = "Print the numbers as one JSON object.")
    boolean json;

    @Mixin
    PostprocessOptions postprocessOptions = new PostprocessOptions();

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Mixin
    QualityGate gate = new QualityGate();

    @Override
    public Integer call() throws Exception {
        boolean coco = metric.equalsIgnoreCase("coco");
        var vocMetric = coco ? null : EvalVocCommand.metric(metric); // a bad name fails before the model loads
        DetectorModel m = DetectorModel.load(model);
        TrainConfig c = m.config();
        // a bound on a metric this evaluation will not have fails now, not after predicting every image
        gate.requireKnown(coco ? CocoEvalResult.STAT_NAMES : VocEvalResult.metricNames(m.classNames()),
                coco ? "; mAP and AP/<class> are VOC metrics: add --metric voc07|voc12" : "");
        DetectionSource set = AnalysisOptions.validation(m, data, imageSet);
        // what runs where goes to stderr: stdout carries the metrics (maybe as JSON)
        PrintWriter out = spec.commandLine().getOut();
        Compute compute = backendOptions.resolve(c.backend(), c.openclDevice(), spec.commandLine().getErr());
        Predictor predictor = m.predictor(postprocessOptions.apply(c.evaluation()), c.batchSize(), compute);
        List<Detection> dets = SourceEvaluation.detections(predictor, set);
        Dataset gt = SourceEvaluation.groundTruth(set, false);
        Map<String, Double> metrics;
        if (coco) {
            CocoEvalResult r = CocoEvaluator.evaluate(gt, dets);
            EvalCocoCommand.print(r, json, out);
            metrics = r.statsMap();
        } else {
            VocEvalResult r = VocEvaluator.evaluate(gt, dets, vocMetric);
            String where = (data == null ? c.data() : data) + ", image set " + (imageSet == null ? "of validation" : imageSet);
            EvalVocCommand.print(r, json, where, gt.images().size(), dets.size(), out);
            metrics = r.metricsMap();
        }
        out.flush();
        return gate.apply("eval model " + model.getFileName(), metrics, spec.commandLine().getErr());
    }
}
