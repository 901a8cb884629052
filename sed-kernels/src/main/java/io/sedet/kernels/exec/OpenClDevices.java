package io.sedet.kernels.exec;

import com.aparapi.device.OpenCLDevice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The OpenCL devices Aparapi sees (through the system's ICD loader), and picking one by name. */
public final class OpenClDevices {
    static {
        AparapiLogging.install();
    }

    private OpenClDevices() {
    }

    /**
     * All OpenCL devices, GPUs first; empty when there is no OpenCL runtime (no ICD, no
     * libOpenCL, or Aparapi's JNI library cannot load).
     */
    public static List<OpenCLDevice> list() {
        try {
            List<OpenCLDevice> all = OpenCLDevice.listDevices(null);
            all.sort((a, b) -> Integer.compare(rank(a), rank(b)));
            return all;
        } catch (Throwable e) { // UnsatisfiedLinkError, or Aparapi's own errors when OpenCL is absent
            return List.of();
        }
    }

    /**
     * The first device whose name, vendor or platform contains {@code nameFilter}
     * (case-insensitive), or the first device when the filter is null or empty.
     */
    public static Optional<OpenCLDevice> pick(String nameFilter) {
        String f = nameFilter == null ? "" : nameFilter.toLowerCase(Locale.ROOT);
        return list().stream().filter(d -> f.isEmpty() || describe(d).toLowerCase(Locale.ROOT).contains(f)).findFirst();
    }

    /** "name (platform vendor, type, N compute units)". */
    public static String describe(OpenCLDevice d) {
        return d.getName().trim() + " (" + d.getOpenCLPlatform().getVendor().trim() + ", " + d.getType()
                + ", " + d.getMaxComputeUnits() + " compute units)";
    }

    private static int rank(OpenCLDevice d) {
        return switch (d.getType()) {
            case GPU -> 0;
            case ACC -> 1;
            default -> 2;
        };
    }
}
