package io.sedet.kernels.exec;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Aparapi logs through java.util.logging (class-file notes, "untested OpenCL platform", device
 * fallbacks). Its warnings are kept here for failure reports instead of being printed; whoever
 * touches Aparapi first ({@link OpenClDevices}, {@link KernelRuntime}) installs this.
 */
final class AparapiLogging {
    private static final Logger APARAPI = Logger.getLogger("com.aparapi"); // held: JUL keeps loggers weakly
    private static final AtomicReference<String> WARNINGS = new AtomicReference<>("");

    static {
        APARAPI.setUseParentHandlers(false);
        APARAPI.setLevel(Level.WARNING);
        APARAPI.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    WARNINGS.accumulateAndGet(String.valueOf(r.getMessage()), (a, b) -> a.isEmpty() ? b : a + "; " + b);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private AparapiLogging() {
    }

    /** Installs the handler (class initialisation). */
    static void install() {
    }

    /** Forgets the warnings collected so far. */
    static void clear() {
        WARNINGS.set("");
    }

    /** The warnings since {@link #clear()}, joined by "; " (empty if none). */
    static String warnings() {
        return WARNINGS.get();
    }
}
