package io.sedet.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading JSON files into trees with errors that name the file and the place of a syntax error;
 * records kept as small JSON files beside a run (written atomically, read back when present).
 */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** Parses {@code file}; missing, empty, unreadable or malformed files raise {@link InputException}. */
    public static JsonNode read(Path file) {
        InputFiles.requireReadableFile(file);
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

    private static final ObjectMapper PRETTY = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code value} (a record, say) as indented JSON, atomically ({@link InputFiles#writeAtomically}). */
    public static void writeValue(Path file, Object value) throws IOException {
        byte[] bytes = PRETTY.writeValueAsBytes(value);
        InputFiles.writeAtomically(file, out -> out.write(bytes));
    }

    /**
     * Reads a value {@link #writeValue} wrote, or null when the file is not there; a file that does
     * not hold one is an {@link InputException} saying it is not {@code what}.
     */
    public static <T> T readValueIfPresent(Path file, Class<T> type, String what) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return PRETTY.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new InputException(file, "not " + what + ": " + e.getMessage(), e);
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
}
