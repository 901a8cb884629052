package io.sedet.cli;

import io.sedet.kernels.bench.KernelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sedet bench kernels}: every kernel on plain Java, Java threads and OpenCL, side by side. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Time each kernel on the plain-Java reference, Aparapi's Java threads and the OpenCL device.")
public final class BenchKernelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reps", defaultValue = "15", description = "Timed calls per kernel and runtime (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--opencl-device", paramLabel = "NAME", description = "OpenCL device whose name contains NAME (default: the first).")
    String device;

    @Override
    public Integer call() {
        KernelBench.run(reps, device, spec.commandLine().getOut());
        return 0;
    }
}
