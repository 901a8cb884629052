package io.sedet.cli;

import io.sedet.backend.Compute;
import io.sedet.config.TrainConfig;
import io.sedet.data.DetectionSource;
import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.predict.DetectorModel;
import io.sedet.predict.SourceEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sedet eval model --model M [--data D] [--json] [--fail-under M=V] [--junit FILE]}: COCO metrics of a model on a validation set. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model (COCO metrics) on the validation split of a dataset (default: the one it was trained on).")
public final class EvalModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint.")
    Path model;

    @Option(names = "--data", description = "shapes | voc:ROOT | coco:GT.json,IMAGEDIR (default: the model's training data).")
    String data;

    @Option(names = "--json", description = "Print the 12 numbers as one JSON object.")
    boolean json;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Mixin
    QualityGate gate = new QualityGate();

    @Override
    public Integer call() throws Exception {
        DetectorModel m = DetectorModel.load(model);
        TrainConfig c = m.config();
        DetectionSource val = AnalysisOptions.validation(m, data);
        // what runs where goes to stderr: stdout carries the metrics (maybe as JSON)
        Compute compute = backendOptions.resolve(c.backend(), c.openclDevice(), spec.commandLine().getErr());
        CocoEvalResult r = SourceEvaluation.evaluate(m.predictor(c.evaluation(), c.batchSize(), compute), val,
                SourceEvaluation.groundTruth(val, false));
        EvalCocoCommand.print(r, json, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return gate.apply("eval model " + model.getFileName(), r.statsMap(), spec.commandLine().getErr());
    }
}
