package io.sedet.io;


import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Reading input files with errors that name the file, and writing output files atomically. */
public final class InputFiles {
    private InputFiles() {
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

    /**
     * All lines of a UTF-8 text file.
     *
     * @param what what the file is, for the message when it is missing ("class-list file")
     */
    public static List<String> readLines(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "no such " + what);
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
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
     * The temporary's data is forced to the disk before the rename and the folder's entry after
     * it, so that after a power loss the file is either the old one or the complete new one.
     * A failed write removes its temporary and throws an {@link OutputException} naming the file and
     * the reason (a full disk); one left by a killed process is named {@code .NAME.*.tmp}.
     */
    public static void writeAtomically(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw e instanceof OutputException o ? o : new OutputException(file, e);
        }
        try {
            // an ordinary file's permissions (rw-r--r--), not a temporary's private rw-------:
            // results, reports and models are meant to be read by others
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults stay
            }
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                 BufferedOutputStream out = new BufferedOutputStream(fos, 1 << 20)) {
                // a writer may close what it is given (Jackson does): the file stays open for the sync
                writer.write(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                fos.getFD().sync();
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } catch (OutputException e) {
            throw e;
        } catch (IOException e) {
            // a full disk, most often: the old file stays, the temporary goes (below)
            throw new OutputException(file, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Forces a folder's entries (a rename into it) to the disk where the platform allows it. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; its renames are durable through NTFS's log
        }
    }
}
