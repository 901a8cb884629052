package io.sedet.cli;

import io.sedet.backend.Backend;
import io.sedet.backend.Backends;
import io.sedet.backend.Compute;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --backend} and {@code --opencl-device}, shared by every command that computes. */
public final class BackendOptions {
    @Option(names = "--backend", paramLabel = "auto|cpu|cuda|opencl",
            description = "Where to compute (default: the config's 'backend', else auto). An explicit backend that is "
                    + "not available is an error.")
    String backend;

    @Option(names = "--opencl-device", paramLabel = "NAME",
            description = "Use the OpenCL device whose name or vendor contains NAME (default: the first, GPUs first).")
    String openClDevice;

    /**
     * Resolves the backend (the option, else {@code configBackend}, else auto) and prints, once,
     * what runs where.
     */
    Compute resolve(String configBackend, String configDevice, PrintWriter console) {
        String b = backend != null ? backend : (configBackend != null ? configBackend : "auto");
        String d = openClDevice != null ? openClDevice : configDevice;
        Compute c = Backends.select(Backend.parse(b), d, msg -> {
            console.println("warning: " + msg);
            console.flush();
        });
        console.println(c.description());
        console.flush();
        return c;
    }
}
