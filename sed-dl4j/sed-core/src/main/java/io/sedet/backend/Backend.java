package io.sedet.backend;

import io.sedet.io.InputException;

import java.util.Locale;

/**
 * What the user asked to compute on ({@code --backend}, config key {@code backend}).
 *
 * <ul>
 *   <li>{@code cpu}: the graph on ND4J native (OpenBLAS + oneDNN), the kernels as plain Java;</li>
 *   <li>{@code cuda}: the graph on ND4J CUDA (a build with {@code -Pcuda}); the kernels on an OpenCL
 *       GPU when one is present (falling back to Java threads), else plain Java;</li>
 *   <li>{@code opencl}: the kernels on an OpenCL device through Aparapi (any failure there is an
 *       error); the graph on the ND4J backend of the build;</li>
 *   <li>{@code auto}: the ND4J backend of the build; the kernels on an OpenCL GPU or accelerator if
 *       one is present (retried on Java threads if it fails), else plain Java.</li>
 * </ul>
 */
public enum Backend {
    AUTO, CPU, CUDA, OPENCL;

    /** Parses {@code auto|cpu|cuda|opencl} (any case). */
    public static Backend parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("backend", "unknown backend '" + s + "' (expected auto, cpu, cuda or opencl)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
