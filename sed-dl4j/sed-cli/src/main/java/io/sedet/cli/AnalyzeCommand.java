package io.sedet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sedet analyze scale|pseudo-labels}: the SED paper's two diagnostics on a trained model. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Diagnostics of a trained model: score consistency across scales (scale), quality of thresholded pseudo-labels (pseudo-labels).",
        subcommands = {AnalyzeScaleCommand.class, AnalyzePseudoLabelsCommand.class})
public final class AnalyzeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
