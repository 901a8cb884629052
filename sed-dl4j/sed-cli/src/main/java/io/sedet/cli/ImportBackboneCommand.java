package io.sedet.cli;

import io.sedet.io.InputException;
import io.sedet.pretrained.BackboneImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sedet import-backbone --from torchvision FILE --depth 18|34|50 --out B.sedet} and
 * {@code sedet import-backbone --from dl4j-zoo FILE --out B.sedet}.
 */
@Command(name = "import-backbone", mixinStandardHelpOptions = true,
        description = {"Turn pretrained ResNet weights you downloaded into a backbone file to train from",
            "(--set init=B.sedet, usually with --set model.norm=frozen).",
            "--from torchvision: the state dict of torchvision's resnet18/34/50 saved as safetensors (no pickle is",
            "read); --from dl4j-zoo: the DL4J zoo's ResNet-50 ComputationGraph zip (resnet50_dl4j_inference.v3.zip),",
            "a Caffe-style ResNet: train from it with --set model.style=caffe."})
public final class ImportBackboneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "torchvision|dl4j-zoo",
            description = "Where the weights come from: torchvision or dl4j-zoo.")
    String from;

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file.")
    Path file;

    @Option(names = "--depth", description = "ResNet depth of the weights: 18, 34 or 50 (torchvision; dl4j-zoo is 50).")
    Integer depth;

    @Option(names = "--out", required = true, paramLabel = "B.sedet", description = "The backbone file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        BackboneImport.Result r;
        int d;
        String style;
        switch (from) {
            case "torchvision" -> {
                if (depth == null) {
                    throw new InputException("--depth", "torchvision weights need --depth 18, 34 or 50");
                }
                d = depth;
                style = "torchvision";
                r = BackboneImport.fromTorchvision(file, d, out);
            }
            case "dl4j-zoo" -> {
                if (depth != null && depth != 50) {
                    throw new InputException("--depth", "the DL4J zoo's ResNet is a ResNet-50, not " + depth);
                }
                d = 50;
                style = "caffe";
                r = BackboneImport.fromDl4jZoo(file, out);
            }
            default -> throw new InputException("--from", "'" + from
                    + "' is not a source this version imports (torchvision, dl4j-zoo)");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (r.note() != null) {
            o.println(file + ": " + r.note());
        }
        o.printf(Locale.ROOT, "wrote %s: %s-style ResNet-%d backbone, %d arrays, %.2f M parameters; train from it with "
                + "--set init=%s%s%n", out, style, d, r.arrays(), r.parameters() / 1e6, out,
                style.equals("caffe") ? " --set model.style=caffe" : "");
        o.flush();
        return 0;
    }
}
