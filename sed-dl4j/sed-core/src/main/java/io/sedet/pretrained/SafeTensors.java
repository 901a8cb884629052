package io.sedet.pretrained;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a safetensors file (Hugging Face's format: an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw little-endian data; no
 * code is executed, unlike a pickle). Tensors of dtype F32, F64, F16 and BF16 are read as float.
 */
public final class SafeTensors {
    /** One tensor, row-major; {@code values} is null for an integer or boolean tensor (not read). */
    public record Tensor(String dtype, long[] shape, float[] values) {
    }

    private SafeTensors() {
    }

    /** Every tensor of the file by name, in header order; any inconsistency names the file. */
    public static Map<String, Tensor> read(Path file) {
        InputFiles.requireReadableFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new InputException(file, "not a safetensors file (" + size + " bytes)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > Math.min(size - 8, 100_000_000L)) {
                throw new InputException(file, "not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            ch.read(hb, 8);
            JsonNode header;
            try {
                header = new ObjectMapper().readTree(hb.array());
            } catch (IOException e) {
                throw new InputException(file, "not a safetensors file (its header is not JSON: " + e.getMessage() + ")");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), tensor(file, ch, e.getKey(), e.getValue(), dataStart, size));
            }
            return out;
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e.getMessage());
        }
    }

    private static Tensor tensor(Path file, FileChannel ch, String name, JsonNode n, long dataStart, long size)
            throws IOException {
        String dtype = n.path("dtype").asText("");
        JsonNode shapeNode = n.path("shape");
        JsonNode offsets = n.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new InputException(file, "tensor " + name + ": header entry without shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F64" -> 8;
            case "F16", "BF16" -> 2;
            case "I64", "I32", "I16", "I8", "U8", "BOOL" -> 0;   // counters (num_batches_tracked): not weights
            default -> throw new InputException(file, "tensor " + name + ": unknown dtype " + dtype);
        };
        if (width == 0) {
            return new Tensor(dtype, shape, null);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end - begin != count * width || dataStart + end > size || count > Integer.MAX_VALUE) {
            throw new InputException(file, "tensor " + name + ": byte range [" + begin + ", " + end + ") does not hold "
                    + count + " values of " + dtype + " inside the file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, dataStart + begin);
        b.flip();
        float[] v = new float[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dtype) {
                case "F32" -> b.getFloat();
                case "F64" -> (float) b.getDouble();
                case "F16" -> halfToFloat(b.getShort());
                default -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);   // BF16
            };
        }
        return new Tensor(dtype, shape, v);
    }

    /** IEEE 754 binary16 → float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {                                   // inf, NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {                                      // zero, subnormal
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
