package io.sedet.kernels.exec;

/** Where the data-parallel kernels of the pipeline run. */
public enum KernelMode {
    /** The plain-Java reference implementations (one thread per call, no Aparapi). */
    REFERENCE,
    /** The Aparapi kernels on Aparapi's Java thread pool. */
    JAVA_THREADS,
    /** The Aparapi kernels translated to OpenCL and run on an OpenCL device. */
    OPENCL
}
