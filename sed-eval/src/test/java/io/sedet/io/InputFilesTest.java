package io.sedet.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputFilesTest {
    @TempDir
    Path dir;

    /** The written file has the content, an ordinary file's permissions, and no temporary is left. */
    @Test
    void atomicWritesLeaveAReadableFileAndNoTemporary() throws Exception {
        Path f = dir.resolve("sub").resolve("report.html");
        InputFiles.writeAtomically(f, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        InputFiles.writeAtomically(f, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(f));
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }
}
