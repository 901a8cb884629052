package io.sedet.backend;

import io.sedet.kernels.box.BoxKernels;
import io.sedet.kernels.exec.KernelRuntime;
import io.sedet.kernels.image.ImageKernels;

/**
 * Where this process computes: the ND4J backend running the graphs (fixed by the build's class
 * path) and the kernels of the data pipeline and post-processing.
 *
 * @param description one line for the start-up message
 */
public record Compute(Backend backend, String description, KernelRuntime runtime, BoxKernels boxes,
                      ImageKernels images) {

    /** Plain-Java kernels; the default of the library API and the tests. */
    public static Compute reference() {
        KernelRuntime r = KernelRuntime.reference();
        return new Compute(Backend.CPU, "kernels: " + r.describe(), r, BoxKernels.retinaNet(r), new ImageKernels(r));
    }

    /**
     * Compute whose kernels run on {@code runtime}, after a probe kernel has run there (so the
     * description says where kernels really run; a strict OpenCL runtime that cannot run it throws).
     */
    public static Compute of(Backend backend, String nd4j, KernelRuntime runtime) {
        runtime.probe();
        return new Compute(backend, "backend " + backend + ": graph on " + nd4j + "; kernels: " + runtime.describe(),
                runtime, BoxKernels.retinaNet(runtime), new ImageKernels(runtime));
    }
}
