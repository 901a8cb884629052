package io.sedet.checkpoint;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One float array as one uncompressed zip entry (checkpoint format version 2): a header — the
 * magic {@code "SDA1"}, the rank, the shape ({@code long}s), all little-endian — then the
 * elements as little-endian float32 in C order. Entries are STORED with their CRC-32, so saving
 * and loading move bytes at disk speed (deflating float weights saves little and costs most of
 * the time) and a damaged entry fails its CRC check.
 */
final class ArrayEntries {
    private static final int MAGIC = 0x31414453; // "SDA1" read as a little-endian int
    private static final int CHUNK = 1 << 20;

    private ArrayEntries() {
    }

    /** Writes {@code a} (float) as the entry {@code name}. */
    static void write(ZipOutputStream zip, String name, INDArray a) throws IOException {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalStateException(name + " is " + a.dataType() + "; checkpoints hold float arrays");
        }
        INDArray c = a.isView() || a.ordering() != 'c' || a.data().length() != a.length() ? a.dup('c') : a;
        long n = c.length();
        ByteBuffer header = ByteBuffer.allocate(8 + 8 * c.rank()).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(c.rank());
        for (long d : c.shape()) {
            header.putLong(d);
        }
        byte[] head = header.array();
        FloatBuffer data = c.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        data.limit((int) n);
        CRC32 crc = new CRC32();
        crc.update(head);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        forEachChunk(data, chunk, crc::update);
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(head.length + 4 * n);
        e.setCompressedSize(head.length + 4 * n);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(head);
        forEachChunk(data, chunk, bytes -> zip.write(bytes.array(), 0, bytes.limit()));
        zip.closeEntry();
    }

    private interface ChunkSink {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /** Hands the floats of {@code data} to {@code sink} as little-endian bytes, one chunk at a time. */
    private static void forEachChunk(FloatBuffer data, ByteBuffer chunk, ChunkSink sink) throws IOException {
        FloatBuffer src = data.duplicate();
        src.position(0);
        while (src.hasRemaining()) {
            chunk.clear();
            FloatBuffer dst = chunk.asFloatBuffer();
            int k = Math.min(dst.remaining(), src.remaining());
            FloatBuffer part = src.slice();
            part.limit(k);
            dst.put(part);
            src.position(src.position() + k);
            chunk.limit(4 * k);
            sink.accept(chunk);
        }
    }

    /** Reads an entry written by {@link #write}. */
    static INDArray read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        ByteBuffer head = ByteBuffer.wrap(d.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
        if (head.remaining() < 8) {
            throw new EOFException("array header cut short");
        }
        if (head.getInt() != MAGIC) {
            throw new IOException("not an array entry");
        }
        int rank = head.getInt();
        if (rank < 0 || rank > 8) {
            throw new IOException("array rank " + rank);
        }
        ByteBuffer dims = ByteBuffer.wrap(d.readNBytes(8 * rank)).order(ByteOrder.LITTLE_ENDIAN);
        if (dims.remaining() < 8 * rank) {
            throw new EOFException("array shape cut short");
        }
        long[] shape = new long[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getLong();
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw new IOException("array dimension " + shape[i]);
            }
            n *= shape[i];
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new IOException("array of " + n + " elements");
        }
        float[] values = new float[(int) n];
        byte[] chunk = new byte[CHUNK];
        int done = 0;
        while (done < n) {
            int k = (int) Math.min(CHUNK / 4, n - done);
            d.readFully(chunk, 0, 4 * k);
            ByteBuffer.wrap(chunk, 0, 4 * k).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, done, k);
            done += k;
        }
        return rank == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }
}
