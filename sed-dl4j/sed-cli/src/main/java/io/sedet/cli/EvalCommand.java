package io.sedet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sedet eval coco|voc}: scores detections against ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate detections with COCO (pycocotools) or VOC (devkit) metrics.",
        subcommands = {EvalCocoCommand.class, EvalVocCommand.class, EvalModelCommand.class})
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
