package io.sedet.kernels;

import com.aparapi.device.OpenCLDevice;
import io.sedet.kernels.exec.KernelRuntime;
import io.sedet.kernels.exec.OpenClDevices;
import org.junit.jupiter.api.Assumptions;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel runtimes the agreement tests run on: Aparapi's Java threads and the first OpenCL
 * device (pick one with {@code -Dsedet.opencl.device=NAME}). A machine without OpenCL fails the
 * OpenCL cases — CI installs PoCL — unless {@code -Dsedet.opencl.optional=true} skips them.
 */
public final class Runtimes {
    private static KernelRuntime openCl;

    private Runtimes() {
    }

    public static Stream<String> names() {
        return Stream.of("java-threads", "opencl");
    }

    public static synchronized KernelRuntime get(String name) {
        if (name.equals("java-threads")) {
            return KernelRuntime.javaThreads();
        }
        if (openCl == null) {
            Optional<OpenCLDevice> d = OpenClDevices.pick(System.getProperty("sedet.opencl.device", ""));
            if (d.isEmpty()) {
                if (Boolean.getBoolean("sedet.opencl.optional")) {
                    Assumptions.abort("no OpenCL device (sedet.opencl.optional=true)");
                }
                throw new AssertionError("no OpenCL device found: install an OpenCL runtime (Debian: "
                        + "pocl-opencl-icd ocl-icd-libopencl1) or run with -Dsedet.opencl.optional=true");
            }
            openCl = KernelRuntime.strict(d.get());
        }
        return openCl;
    }
}
