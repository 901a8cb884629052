/**
 * {@link io.sedet.kernels.bench.KernelBench}: every kernel timed on the plain-Java reference, on Java
 * threads and on the first OpenCL device, on a 512×512 RetinaNet's workloads ({@code sedet bench kernels}).
 */
package io.sedet.kernels.bench;
