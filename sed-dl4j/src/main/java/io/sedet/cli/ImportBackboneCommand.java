package io.sedet.cli;

import io.sedet.eval.data.InputException;
import io.sedet.pretrained.BackboneImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sedet import-backbone --from torchvision FILE --depth 18|34|50 --out B.sedet}. */
@Command(name = "import-backbone", mixinStandardHelpOptions = true,
        description = {"Turn pretrained ResNet weights you downloaded into a backbone file to train from",
            "(--set init=B.sedet, usually with --set model.norm=frozen). --from torchvision: the state dict of",
            "torchvision's resnet18/34/50 saved as safetensors (no pickle is read)."})
public final class ImportBackboneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "torchvision", description = "Where the weights come from: torchvision.")
    String from;

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file.")
    Path file;

    @Option(names = "--depth", required = true, description = "ResNet depth of the weights: 18, 34 or 50.")
    int depth;

    @Option(names = "--out", required = true, paramLabel = "B.sedet", description = "The backbone file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!from.equals("torchvision")) {
            throw new InputException("--from", "'" + from + "' is not a source this version imports (torchvision)");
        }
        BackboneImport.Result r = BackboneImport.fromTorchvision(file, depth, out);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %s: ResNet-%d backbone, %d arrays, %.2f M parameters; train from it with --set init=%s%n",
                out, depth, r.arrays(), r.parameters() / 1e6, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
