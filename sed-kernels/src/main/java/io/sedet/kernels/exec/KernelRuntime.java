package io.sedet.kernels.exec;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelPreferences;
import com.aparapi.exception.CompileFailedException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs Aparapi kernels where the user asked: on one OpenCL device, or on Aparapi's Java thread
 * pool. Aparapi itself falls back from a failing device to Java threads with only a log line; this
 * class makes that visible: a {@link #strict} runtime turns any OpenCL failure (compile error,
 * device failure) into a {@link KernelFailedException}; a {@link #withFallback} runtime reports the
 * failure once through its listener, keeps the results (Aparapi recomputed them on Java threads)
 * and runs every later kernel on Java threads.
 *
 * <p>{@link KernelMode#REFERENCE} runtimes run no kernels: callers use their plain-Java
 * reference implementations instead (see {@link #mode()}).
 */
public final class KernelRuntime {
    /** Work items are padded to a multiple of this; kernels ignore ids ≥ their size. */
    public static final int GROUP = 64;

    static {
        AparapiLogging.install();
    }

    private final OpenCLDevice device;          // null unless OpenCL was asked for
    private final boolean fallback;
    private final Consumer<String> onFallback;
    private volatile KernelMode mode;

    private KernelRuntime(KernelMode mode, OpenCLDevice device, boolean fallback, Consumer<String> onFallback) {
        this.mode = mode;
        this.device = device;
        this.fallback = fallback;
        this.onFallback = onFallback;
    }

    /** Plain-Java references, no Aparapi. */
    public static KernelRuntime reference() {
        return new KernelRuntime(KernelMode.REFERENCE, null, false, m -> { });
    }

    /** Aparapi kernels on the Java thread pool. */
    public static KernelRuntime javaThreads() {
        return new KernelRuntime(KernelMode.JAVA_THREADS, null, false, m -> { });
    }

    /** Aparapi kernels on {@code device}; any failure there throws {@link KernelFailedException}. */
    public static KernelRuntime strict(OpenCLDevice device) {
        return new KernelRuntime(KernelMode.OPENCL, device, false, m -> { });
    }

    /**
     * Aparapi kernels on {@code device}; after a failure there, {@code onFallback} gets the reason
     * once and this and every later kernel runs on Java threads.
     */
    public static KernelRuntime withFallback(OpenCLDevice device, Consumer<String> onFallback) {
        return new KernelRuntime(KernelMode.OPENCL, device, true, onFallback);
    }

    /** Where kernels run now (an OpenCL runtime with fallback may have moved to Java threads). */
    public KernelMode mode() {
        return mode;
    }

    /** One line: where kernels run and whether it is really OpenCL. */
    public String describe() {
        return switch (mode) {
            case REFERENCE -> "plain Java (reference implementations, no Aparapi)";
            case JAVA_THREADS -> device == null
                    ? "Aparapi on Java threads (" + jtpThreads() + " threads)"
                    : "Aparapi on Java threads (" + jtpThreads() + " threads) after OpenCL failed on " + OpenClDevices.describe(device);
            case OPENCL -> "Aparapi on OpenCL: " + OpenClDevices.describe(device);
        };
    }

    /**
     * Runs a tiny kernel and checks its result, so that "runs on OpenCL" is a fact before real
     * work starts: a strict runtime throws {@link KernelFailedException} if the device cannot run
     * it (or computes a wrong result); one with fallback moves to Java threads and reports it.
     * Does nothing for a reference runtime.
     */
    public void probe() {
        if (mode == KernelMode.REFERENCE) {
            return;
        }
        ProbeKernel k = new ProbeKernel();
        k.n = 100;
        k.in = new float[100];
        k.out = new float[100];
        for (int i = 0; i < 100; i++) {
            k.in[i] = i;
        }
        try {
            run(k, 100);
            for (int i = 0; i < 100; i++) {
                if (k.out[i] != 2f * i + 1f) {
                    if (mode == KernelMode.OPENCL) {
                        failed(k, "the probe kernel computed " + k.out[i] + " for " + (2f * i + 1f), null);
                    } else {
                        throw new IllegalStateException("the probe kernel computed " + k.out[i] + " on Java threads");
                    }
                    break;
                }
            }
        } finally {
            k.dispose();
        }
    }

    /**
     * Runs {@code kernel} over work items {@code 0 .. size-1} (padded to a multiple of
     * {@link #GROUP}; the kernel must skip ids ≥ size) and waits for it.
     */
    public void run(Kernel kernel, int size) {
        if (mode == KernelMode.REFERENCE) {
            throw new IllegalStateException("a reference runtime runs no kernels");
        }
        if (size <= 0) {
            return;
        }
        int global = (size + GROUP - 1) / GROUP * GROUP;
        if (mode == KernelMode.OPENCL) {
            runOpenCl(kernel, global);
        } else {
            runJava(kernel, global);
        }
    }

    private void runOpenCl(Kernel kernel, int global) {
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.<Device>of(device)));
        try {
            kernel.compile(device);
        } catch (CompileFailedException | RuntimeException e) {
            failed(kernel, "OpenCL compilation failed: " + e.getMessage(), e);
            runJava(kernel, global);
            return;
        }
        AparapiLogging.clear();
        Throwable error = null;
        try {
            kernel.execute(Range.create(device, global, GROUP));
        } catch (RuntimeException | AssertionError e) { // Aparapi asserts when its own fallback fails
            error = e;
        }
        KernelPreferences prefs = KernelManager.instance().getPreferences(kernel);
        if (error != null || prefs.getFailedDevices().contains(device)) {
            String why = AparapiLogging.warnings().isEmpty()
                    ? String.valueOf(error == null ? "device failed" : error.getMessage()) : AparapiLogging.warnings();
            failed(kernel, "OpenCL execution failed: " + why, error);
            runJava(kernel, global); // recompute: do not trust a partial fallback
        }
    }

    private void failed(Kernel kernel, String why, Throwable cause) {
        String msg = kernel.getClass().getSimpleName() + " on " + OpenClDevices.describe(device) + ": " + why;
        if (!fallback) {
            throw new KernelFailedException(msg, cause);
        }
        if (mode == KernelMode.OPENCL) {
            mode = KernelMode.JAVA_THREADS;
            onFallback.accept(msg + " — continuing on Java threads");
        }
    }

    private static void runJava(Kernel kernel, int global) {
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.<Device>of(JavaDevice.THREAD_POOL)));
        kernel.execute(Range.create(JavaDevice.THREAD_POOL, global, jtpThreads()));
    }

    /** Aparapi runs one Java thread per work item of a group: a group as wide as the cores. */
    private static int jtpThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        int t = 1;
        while (t * 2 <= Math.min(cores, GROUP)) {
            t *= 2;
        }
        return t;
    }
}
