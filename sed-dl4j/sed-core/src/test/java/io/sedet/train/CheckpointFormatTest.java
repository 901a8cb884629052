package io.sedet.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.model.DetectorParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint's array entries: exact round trips (views included), version-1 files, damaged entries. */
class CheckpointFormatTest {
    @TempDir
    Path dir;

    private static Checkpoint.Content content(Map<String, INDArray> trainable) {
        return new Checkpoint.Content(7, List.of("a"), TinyRuns.config(1), DetectorParams.of(trainable, Map.of()), Map.of(), 0,
                Map.of());
    }

    @Test
    void arraysRoundTripBitForBitIncludingViewsAndOddShapes() throws Exception {
        Map<String, INDArray> t = new LinkedHashMap<>();
        INDArray big = Nd4j.rand(DataType.FLOAT, 6, 5, 4, 3).subi(0.5);
        t.put("w4", big);
        t.put("view", big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()));
        t.put("fortran", Nd4j.rand(DataType.FLOAT, 'f', 3, 7));
        t.put("vec", Nd4j.createFromArray(1f, Float.MIN_VALUE, -0f, Float.MAX_VALUE));
        t.put("large", Nd4j.rand(DataType.FLOAT, 600_000)); // more than one 1 MB chunk
        Path f = dir.resolve("a.ckpt");
        Checkpoint.save(f, content(t));
        Checkpoint.Content back = Checkpoint.load(f);
        for (Map.Entry<String, INDArray> e : t.entrySet()) {
            INDArray got = back.params().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(e.getValue().dup('c').data().asFloat(), got.data().asFloat(), 0f, e.getKey());
        }
        assertEquals(7, back.iteration());
    }

    /** Files written before version 2 (ND4J's own serialisation in deflated entries) still load. */
    @Test
    void versionOneFilesStillLoad() throws Exception {
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 3);
        Path f = dir.resolve("v1.ckpt");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            ObjectNode meta = TrainConfig.JSON.createObjectNode();
            meta.put("format", Checkpoint.FORMAT);
            meta.put("version", 1);
            meta.put("iteration", 3);
            meta.put("optimizerSteps", 3);
            meta.putPOJO("classNames", List.of("a"));
            meta.set("config", TrainConfig.JSON.valueToTree(TinyRuns.config(1)));
            zip.putNextEntry(new ZipEntry("meta.json"));
            zip.write(TrainConfig.JSON.writeValueAsBytes(meta));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("trainable/w"));
            DataOutputStream d = new DataOutputStream(zip);
            Nd4j.write(w, d);
            d.flush();
            zip.closeEntry();
        }
        Checkpoint.Content c = Checkpoint.load(f);
        assertEquals(3, c.iteration());
        assertArrayEquals(w.data().asFloat(), c.params().get("w").data().asFloat(), 0f);
    }

    /** A flipped byte inside an array entry fails its CRC: reported as corrupt, naming the file. */
    @Test
    void aDamagedEntryIsReported() throws Exception {
        Path f = dir.resolve("d.ckpt");
        Checkpoint.save(f, content(Map.of("w", Nd4j.rand(DataType.FLOAT, 100_000))));
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5a;
        Files.write(f, b);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }
}
