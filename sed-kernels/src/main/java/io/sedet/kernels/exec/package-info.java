/**
 * Where the Aparapi kernels run: {@link io.sedet.kernels.exec.KernelMode} (OpenCL device, Java threads,
 * plain-Java reference), {@link io.sedet.kernels.exec.KernelRuntime} (runs a kernel there, never falling
 * back silently: {@link io.sedet.kernels.exec.KernelFailedException}), {@link io.sedet.kernels.exec.OpenClDevices}
 * (the devices the ICD loader sees, picked by name), {@link io.sedet.kernels.exec.ProbeKernel} (a start-up check
 * that a device really executes kernels) and {@link io.sedet.kernels.exec.AparapiLogging}.
 */
package io.sedet.kernels.exec;
