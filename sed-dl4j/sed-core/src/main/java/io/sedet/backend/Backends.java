package io.sedet.backend;

import com.aparapi.device.OpenCLDevice;
import io.sedet.kernels.exec.KernelRuntime;
import io.sedet.kernels.exec.OpenClDevices;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Resolves a {@link Backend} request into a {@link Compute}, or fails with a clear message. */
public final class Backends {
    private Backends() {
    }

    /** The backend was asked for explicitly but is not available. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /**
     * @param openClDevice part of an OpenCL device's name/vendor to pick it (null: the first, GPUs first)
     * @param warn         gets the message when an OpenCL failure moves the kernels to Java threads
     */
    public static Compute select(Backend backend, String openClDevice, Consumer<String> warn) {
        String nd4j = nd4jDescription();
        boolean cudaLoaded = nd4jIsCuda();
        switch (backend) {
            case CPU -> {
                if (cudaLoaded) {
                    throw new UnavailableException("backend cpu: this build runs ND4J on CUDA (built with -Pcuda); "
                            + "build without the cuda profile to compute on the CPU");
                }
                return Compute.of(backend, nd4j, KernelRuntime.reference());
            }
            case CUDA -> {
                if (!cudaLoaded) {
                    throw new UnavailableException("backend cuda: ND4J's CUDA backend is not in this build (ND4J runs on "
                            + nd4j + "); build with 'mvn -Pcuda -DskipTests package' on a machine with CUDA 11.6");
                }
                return Compute.of(backend, nd4j, gpuKernels(openClDevice, warn));
            }
            case OPENCL -> {
                Optional<OpenCLDevice> d = OpenClDevices.pick(openClDevice);
                if (d.isEmpty()) {
                    List<OpenCLDevice> all = OpenClDevices.list();
                    throw new UnavailableException("backend opencl: " + (all.isEmpty()
                            ? "no OpenCL device found (install a driver or an ICD such as Debian's pocl-opencl-icd)"
                            : "no OpenCL device matches '" + openClDevice + "'; devices: "
                            + all.stream().map(OpenClDevices::describe).toList()));
                }
                return Compute.of(backend, nd4j, KernelRuntime.strict(d.get()));
            }
            default -> {
                return Compute.of(backend, nd4j, gpuKernels(openClDevice, warn));
            }
        }
    }

    /** OpenCL GPU/accelerator kernels with fallback to Java threads, else plain Java. */
    private static KernelRuntime gpuKernels(String openClDevice, Consumer<String> warn) {
        boolean named = openClDevice != null && !openClDevice.isBlank();
        // a device the user named is taken whatever it is; otherwise only a GPU or accelerator
        Optional<OpenCLDevice> d = OpenClDevices.pick(openClDevice)
                .filter(x -> named || x.getType() != com.aparapi.device.Device.TYPE.CPU);
        return d.isPresent() ? KernelRuntime.withFallback(d.get(), warn) : KernelRuntime.reference();
    }

    static boolean nd4jIsCuda() {
        return Nd4j.getBackend().getClass().getName().toLowerCase(java.util.Locale.ROOT).contains("cuda")
                || Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");
    }

    /** E.g. "ND4J native CPU (OPENBLAS+oneDNN)": the cpu profile ships the oneDNN build of libnd4j. */
    public static String nd4jDescription() {
        if (nd4jIsCuda()) {
            return "ND4J CUDA (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
        }
        String blas = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor", "BLAS");
        return "ND4J native CPU (" + blas + "+oneDNN)";
    }
}
