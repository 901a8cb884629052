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

    /** The shared folder; fails the test when it is missing (CI always has it). */
    public static Path require() {
        return root().orElseThrow(() -> new AssertionError(
                "../shared (with datasets/) not found beside the repository root"));
    }
}
