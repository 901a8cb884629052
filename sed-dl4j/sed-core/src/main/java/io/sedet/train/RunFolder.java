package io.sedet.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output folder of one training run and the rules that keep its files consistent:
 * {@value #CONFIG}, {@value #METRICS} (one JSON record per line, each with its
 * {@code iteration}), {@value #LAST} (the checkpoint training continues from) and {@value #MODEL}
 * (the finished model). A fresh run never writes into a folder that holds another run unless told
 * to replace it; a resumed run first cuts {@value #METRICS} back to its checkpoint's iteration
 * (the steps after it are trained again) and removes the temporaries of saves a crash interrupted.
 */
public final class RunFolder {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String LAST = "last.ckpt";
    public static final String MODEL = "model.sedet";
    /** The machine and backend the run trained on ({@link RunEnvironment}). */
    public static final String ENVIRONMENT = "environment.json";

    /** What a training run writes; {@link #clear} removes these and nothing else. */
    private static final Set<String> RUN_FILES = Set.of(CONFIG, METRICS, LAST, MODEL, ENVIRONMENT,
            io.sedet.predict.EvalSummary.VAL_FILE, io.sedet.predict.EvalSummary.TEST_FILE, "report.html");

    /**
     * A fresh run was asked for in a folder that holds a run. The message says what to do in the
     * library's terms (resume it, or ask for it to be replaced); a front end with its own words
     * for those (the CLI's {@code --resume}, {@code --overwrite}) rephrases it with {@link #files}.
     */
    public static final class Occupied extends InputException {
        private final transient List<String> files;

        Occupied(Path dir, List<String> files) {
            super(dir, "holds a training run (" + String.join(", ", files)
                    + "): resume it, or replace it (a fresh start with overwrite)");
            this.files = List.copyOf(files);
        }

        /** The run's files found in the folder. */
        public List<String> files() {
            return files;
        }
    }

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path last() {
        return dir.resolve(LAST);
    }

    public Path model() {
        return dir.resolve(MODEL);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path environment() {
        return dir.resolve(ENVIRONMENT);
    }

    /** Whether the folder holds (part of) a run: a checkpoint, a model or a metrics log. */
    public boolean holdsRun() {
        return Files.exists(last()) || Files.exists(model()) || Files.exists(metrics());
    }

    /**
     * Makes sure a fresh run may start here: an empty or missing folder is fine; a folder holding
     * a run is refused, or cleared when {@code overwrite} is set.
     */
    public void requireFresh(boolean overwrite) throws IOException {
        if (!holdsRun()) {
            return;
        }
        if (!overwrite) {
            throw new Occupied(dir, present());
        }
        clear();
    }

    private List<String> present() {
        List<String> names = new ArrayList<>();
        for (String n : List.of(LAST, MODEL, METRICS)) {
            if (Files.exists(dir.resolve(n))) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * Removes an earlier run's files (and its save temporaries); a folder holding anything else is
     * refused, so a mistyped {@code --out} never deletes a user's files.
     */
    public void clear() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        files = files.stream().filter(f -> !f.getFileName().toString().equals(FolderLock.FILE)).toList(); // held while we write
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!RUN_FILES.contains(name) && !isSaveTemporary(name)) {
                throw new InputException(f, "is not a file of an earlier run; choose another run folder or move it away");
            }
        }
        for (Path f : files) {
            Files.delete(f);
        }
    }

    /** A temporary of {@link InputFiles#writeAtomically} for one of the run's files. */
    static boolean isSaveTemporary(String name) {
        if (!name.startsWith(".") || !name.endsWith(".tmp")) {
            return false;
        }
        for (String f : RUN_FILES) {
            if (name.startsWith("." + f + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the temporaries that saves killed before their rename left behind (a checkpoint
     * temporary of a large model is hundreds of MB).
     *
     * @return how many were removed
     */
    public int removeStaleTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                if (isSaveTemporary(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Keeps the records of {@value #METRICS} up to {@code iteration} (inclusive) and drops the
     * rest, including a last line that a crash cut short. A resumed run trains the later
     * iterations again; without this they would appear twice.
     *
     * @return how many records were dropped
     */
    public int truncateMetrics(long iteration) throws IOException {
        Path file = metrics();
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode rec;
            try {
                rec = TrainConfig.JSON.readTree(line);
            } catch (IOException cutShort) {
                dropped++;
                continue;
            }
            if (rec != null && rec.path("iteration").canConvertToLong() && rec.path("iteration").asLong() <= iteration) {
                kept.add(line);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            InputFiles.writeAtomically(file, out -> {
                for (String line : kept) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        return dropped;
    }
}
