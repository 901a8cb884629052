package io.sedet.train;

import io.sedet.io.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One writing process per output folder (a run, a demo, a prediction): {@value #FILE} in the
 * folder, held with an operating-system lock ({@link FileChannel#tryLock}) for as long as the
 * process writes there and naming it (process id, host, start). A second process is refused at
 * once, naming the folder and the holder; the operating system drops the lock when its process
 * dies however it dies, so a file left by a killed process is taken over (with a note naming it).
 * Within one JVM the lock is re-entrant (a command and the training session it opens share it).
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name; {@link RunFolder#clear} leaves it alone. */
    public static final String FILE = ".sedet.lock";

    /** The folder is in use by another process. */
    public static final class Busy extends InputException {
        Busy(Path dir, String holder) {
            super(dir, "is in use by another sedet process (" + holder + "); wait for it to end, or stop it");
        }
    }

    private static final Map<Path, FolderLock> HELD = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private int holds = 1;

    private FolderLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if missing) for this process, or joins this JVM's lock on it.
     *
     * @param notes receives one line when a lock left by a process that no longer runs is taken over
     * @throws Busy another live process holds it
     */
    public static FolderLock acquire(Path dir, Consumer<String> notes) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (HELD) {
            FolderLock mine = HELD.get(key);
            if (mine != null) {
                mine.holds++;
                return mine;
            }
            Files.createDirectories(key);
            Path file = key.resolve(FILE);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                String holder = holderOf(file);
                ch.close();
                throw new Busy(key, holder.isEmpty() ? "its lock " + file : holder);
            }
            String previous = read(ch);
            if (!previous.isEmpty()) {
                notes.accept("note: " + key + " was locked by " + previous + ", which no longer runs; taking it over");
            }
            ProcessHandle self = ProcessHandle.current();
            String me = "process " + self.pid() + " on " + host() + " since " + Instant.now();
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            FolderLock l = new FolderLock(key, ch, lock);
            HELD.put(key, l);
            return l;
        }
    }

    /** Releases this hold; the last one of the JVM unlocks and removes the file. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (holds == 0 || --holds > 0) {
                return;
            }
            HELD.remove(key);
            try {
                channel.truncate(0);     // an empty file left behind names no holder
                Files.deleteIfExists(key.resolve(FILE));
            } finally {
                lock.release();
                channel.close();
            }
        }
    }

    private static String holderOf(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }
}
