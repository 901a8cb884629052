package io.sedet.kernels;

import com.aparapi.device.OpenCLDevice;
import io.sedet.kernels.exec.KernelRuntime;
import io.sedet.kernels.exec.OpenClDevices;
import org.junit.jupiter.api.Assumptions;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel runtimes the agreement tests run on: Aparapi's Java threads and the first OpenCL
 * device (pick one with {@code -Dsedet.opencl.device=NAME}). On a machine without OpenCL the
 * OpenCL cases are skipped — unless OpenCL is required ({@code SEDET_OPENCL_REQUIRED=1} or
 * {@code -Dsedet.opencl.required=true}; CI installs PoCL and requires it), then they fail.
 */
public final class Runtimes {
    private static KernelRuntime openCl;

    private Runtimes() {
    }

    /** Whether a missing OpenCL device fails the tests instead of skipping the OpenCL cases. */
    public static boolean required() {
        return Boolean.getBoolean("sedet.opencl.required") || "1".equals(System.getenv("SEDET_OPENCL_REQUIRED"));
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
                if (!required()) {
                    Assumptions.abort("no OpenCL device: OpenCL cases skipped (install pocl-opencl-icd to run them)");
                }
                throw new AssertionError("no OpenCL device found but OpenCL is required: install an OpenCL "
                        + "runtime (Debian: pocl-opencl-icd ocl-icd-libopencl1)");
            }
            openCl = KernelRuntime.strict(d.get());
        }
        return openCl;
    }
}
