package io.sedet.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests' files are, from whichever module's folder Maven runs them in: the repository's
 * root (the folder with {@code .ci/run}), the read-only {@code ../shared} beside it, and the test
 * corpora that several modules read.
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository's root: the nearest folder above the working directory holding {@code .ci/run}. */
    public static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".ci").resolve("run"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root (.ci/run) above " + Path.of("").toAbsolutePath());
    }

    /**
     * {@code ../shared} beside the repository (datasets, docs, the torch peer). When it is missing
     * the calling test is skipped with one line saying so, or fails where
     * {@code SEDET_SHARED_REQUIRED=1} (CI).
     */
    public static Path shared() {
        Path shared = repo().resolveSibling("shared");
        if (!Files.isDirectory(shared.resolve("datasets"))) {
            String line = shared + " (with datasets/voc-mini and datasets/coco-mini) is not beside the repository: "
                    + "put the shared folder there to run this test";
            // the same rule as sed-eval's SharedData (modules share no test code)
            if ("1".equals(System.getenv("SEDET_SHARED_REQUIRED"))) {
                throw new AssertionError(line + " (SEDET_SHARED_REQUIRED=1)");
            }
            org.junit.jupiter.api.Assumptions.abort(line + " (skipped; SEDET_SHARED_REQUIRED=1 fails instead)");
        }
        return shared;
    }

    /** {@code ../shared/datasets/voc-mini/VOC2012}: 100 real VOC images in the VOCdevkit layout. */
    public static Path vocMini() {
        return shared().resolve("datasets/voc-mini/VOC2012");
    }

    /** sed-eval's pycocotools reference cases ({@code coco-cases/<name>/}). */
    public static Path cocoCases() {
        return repo().resolve("sed-eval/src/test/resources/coco-cases");
    }

    /** sed-core's corpus of malformed annotation files and images. */
    public static Path badInput() {
        return repo().resolve("sed-dl4j/sed-core/src/test/resources/bad-input");
    }
}
