/**
 * Where a process computes: {@link io.sedet.backend.Backend} (what the user asked: auto, cpu, cuda,
 * opencl), {@link io.sedet.backend.Backends} (resolves it or fails with a clear message, never falling
 * back silently) and {@link io.sedet.backend.Compute} (the ND4J backend on the class path for the graphs,
 * and the kernel runtime of the data pipeline and post-processing).
 */
package io.sedet.backend;
