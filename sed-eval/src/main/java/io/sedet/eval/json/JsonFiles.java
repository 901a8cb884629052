package io.sedet.eval.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.eval.data.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading JSON files into trees with errors that name the file, and writing files atomically.
 */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** Parses {@code file}; missing, empty, unreadable or malformed files raise {@link InputException}. */
    public static JsonNode read(Path file) {
        requireReadableFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new InputException(file, "file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(file, "malformed JSON" + where + ": " + plain(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Jackson's message without its source-location boilerplate. */
    private static String plain(String message) {
        String m = message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
        int cut = m.indexOf(" at [Source:");
        m = cut >= 0 ? m.substring(0, cut) : m;
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    /** Checks that {@code file} exists, is a regular file and is not empty. */
    public static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "not a regular file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InputException(file, "file is empty");
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such file", e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** What a writer puts into a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} through a temporary file in the same folder and a rename, so that a
     * reader never sees a half-written file and an interrupted write leaves the old one intact.
     */
    public static void writeAtomically(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
