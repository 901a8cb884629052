package io.sedet.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the read-only {@code shared/} folder that sits beside the repository root
 * ({@code ../shared} from the root; tests run in a module folder one level deeper).
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> root() {
        for (Path p : new Path[] {Path.of("..", "shared"), Path.of("..", "..", "shared")}) {
            if (Files.isDirectory(p.resolve("datasets"))) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** Set to 1 (CI does) to fail, not skip, the tests that need {@code ../shared} when it is missing. */
    public static final String REQUIRED = "SEDET_SHARED_REQUIRED";

    /**
     * The shared folder. When it is missing the test is skipped with one line saying what is
     * missing and how to provide it — or fails, where {@value #REQUIRED}=1 (CI).
     */
    public static Path require() {
        return root().orElseGet(() -> {
            missing("../shared (with datasets/voc-mini and datasets/coco-mini) is not beside the repository root");
            return null;
        });
    }

    /**
     * Skips the calling test (JUnit's assumption) with {@code what} and how to fix it, or fails it
     * where {@value #REQUIRED}=1.
     */
    public static void missing(String what) {
        String line = what + ": put the shared folder there to run this test";
        if ("1".equals(System.getenv(REQUIRED))) {
            throw new AssertionError(line + " (" + REQUIRED + "=1)");
        }
        org.junit.jupiter.api.Assumptions.abort(line + " (skipped; " + REQUIRED + "=1 fails instead)");
    }
}
