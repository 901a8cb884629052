package io.sedet.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.model.DetectorParams;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint or exported model: one zip file with {@code meta.json} (format, iteration,
 * class names, input size, the training config) and one entry per array — {@code trainable/NAME},
 * {@code running/NAME} (BatchNorm statistics) and {@code optimizer/m/NAME}, {@code optimizer/v/NAME}.
 * Written atomically and durably ({@link InputFiles#writeAtomically}: temporary file, fsync,
 * rename): an interrupted save leaves the previous file intact. {@code meta.json} counts the arrays
 * that follow it, so a file cut short is reported as truncated rather than read as a smaller model. Data order and augmentation are functions of (seed, iteration), so the iteration is
 * the whole random state.
 */
public final class Checkpoint {
    public static final String FORMAT = "sedet-checkpoint";
    /** 2: arrays as raw float32 entries ({@link ArrayEntries}); 1 (still read): ND4J's serialisation, deflated. */
    public static final int VERSION = 2;

    /**
     * What a checkpoint holds.
     *
     * @param ema the model EMA's arrays ({@link ModelEma#state()}), empty when training has none
     */
    public record Content(long iteration, List<String> classNames, TrainConfig config, DetectorParams params,
                          Map<String, INDArray> optimizerState, long optimizerSteps, Map<String, INDArray> ema) {
    }

    private Checkpoint() {
    }

    public static void save(Path file, Content c) throws IOException {
        InputFiles.writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ObjectNode meta = TrainConfig.JSON.createObjectNode();
            meta.put("format", FORMAT);
            meta.put("version", VERSION);
            meta.put("iteration", c.iteration());
            meta.put("optimizerSteps", c.optimizerSteps());
            meta.put("arrays", c.params().trainable().size() + c.params().running().size()
                    + c.optimizerState().size() + c.ema().size());
            meta.putPOJO("classNames", c.classNames());
            meta.set("config", TrainConfig.JSON.valueToTree(c.config()));
            zip.putNextEntry(new ZipEntry("meta.json"));
            zip.write(TrainConfig.JSON.writeValueAsBytes(meta));
            zip.closeEntry();
            writeArrays(zip, "trainable/", c.params().trainable());
            writeArrays(zip, "running/", c.params().running());
            writeArrays(zip, "optimizer/", c.optimizerState());
            writeArrays(zip, "ema/", c.ema());
            zip.finish();
        });
    }

    private static void writeArrays(ZipOutputStream zip, String prefix, Map<String, INDArray> arrays) throws IOException {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            ArrayEntries.write(zip, prefix + e.getKey(), e.getValue());
        }
    }

    /** Reads a checkpoint; a missing, truncated or foreign file raises {@link InputException}. */
    public static Content load(Path file) {
        InputFiles.requireReadableFile(file);
        JsonNode meta = null;
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        Map<String, INDArray> running = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        Map<String, INDArray> ema = new LinkedHashMap<>();
        String entry = "meta.json";
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry("meta.json");
            if (m != null) {
                try (InputStream in = zip.getInputStream(m)) {
                    meta = TrainConfig.JSON.readTree(in.readAllBytes());
                }
            }
            boolean raw = meta != null && meta.path("version").asInt() >= 2;
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                entry = name;
                Map<String, INDArray> group = name.startsWith("trainable/") ? trainable
                        : name.startsWith("running/") ? running
                        : name.startsWith("optimizer/") ? optimizer
                        : name.startsWith("ema/") ? ema : null;
                if (group == null) {
                    continue;
                }
                // ZipFile does not check CRCs: a damaged entry would load as wrong weights
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
                    INDArray a = raw ? ArrayEntries.read(in) : Nd4j.read(new DataInputStream(in));
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                        throw new IOException("CRC mismatch");
                    }
                    group.put(name.substring(name.indexOf('/') + 1), a);
                }
            }
        } catch (ZipException ex) {
            // ZipFile needs the directory at the end of the file: a file cut short has none
            throw new InputException(file, "not a sedet checkpoint, or a truncated or corrupt one (no readable zip directory)", ex);
        } catch (IOException | RuntimeException ex) {
            throw new InputException(file, "corrupt or truncated checkpoint (entry " + entry + " cannot be read)", ex);
        }
        if (meta == null || !FORMAT.equals(meta.path("format").asText())) {
            throw new InputException(file, "not a sedet checkpoint (no meta.json with format " + FORMAT + ")");
        }
        if (meta.path("version").asInt() < 1 || meta.path("version").asInt() > VERSION) {
            throw new InputException(file, "checkpoint version " + meta.path("version").asInt()
                    + " is not supported (this build reads 1 to " + VERSION + ")");
        }
        int arrays = trainable.size() + running.size() + optimizer.size() + ema.size();
        if (meta.has("arrays") && meta.get("arrays").asInt() != arrays) {
            throw new InputException(file, "truncated checkpoint: " + arrays + " of its " + meta.get("arrays").asInt()
                    + " arrays are there");
        }
        TrainConfig config;
        List<String> classes = new ArrayList<>();
        try {
            config = TrainConfig.stored(meta.get("config"));
            meta.get("classNames").forEach(n -> classes.add(n.asText()));
        } catch (IOException | RuntimeException ex) {
            throw new InputException(file, "checkpoint meta.json is damaged: " + ex.getMessage(), ex);
        }
        DetectorParams params = DetectorParams.of(trainable, running);
        return new Content(meta.path("iteration").asLong(), classes, config, params, optimizer,
                meta.path("optimizerSteps").asLong(), ema);
    }

    /**
     * The first array whose values are not all finite, or null: a model that diverged must not be
     * written over a good checkpoint.
     */
    public static String firstNonFinite(Content c) {
        for (Map<String, INDArray> group : List.of(c.params().trainable(), c.params().running(), c.ema())) {
            for (Map.Entry<String, INDArray> e : group.entrySet()) {
                if (!Double.isFinite(e.getValue().sumNumber().doubleValue())) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** The iteration a checkpoint holds (reads only its {@code meta.json}). */
    public static long iterationOf(Path file) {
        return meta(file).path("iteration").asLong();
    }

    /** The training config a checkpoint holds (reads only its {@code meta.json}). */
    public static TrainConfig configOf(Path file) {
        try {
            return TrainConfig.stored(meta(file).get("config"));
        } catch (IOException | RuntimeException ex) {
            throw new InputException(file, "checkpoint meta.json is damaged: " + ex.getMessage(), ex);
        }
    }

    private static JsonNode meta(Path file) {
        InputFiles.requireReadableFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry("meta.json");
            if (e != null) {
                try (InputStream in = zip.getInputStream(e)) {
                    JsonNode meta = TrainConfig.JSON.readTree(in.readAllBytes());
                    if (meta != null && FORMAT.equals(meta.path("format").asText())) {
                        return meta;
                    }
                }
            }
        } catch (ZipException ex) {
            throw new InputException(file, "not a sedet checkpoint, or a truncated or corrupt one (no readable zip directory)", ex);
        } catch (IOException ex) {
            throw new InputException(file, "corrupt or truncated checkpoint (meta.json cannot be read)", ex);
        }
        throw new InputException(file, "not a sedet checkpoint (no meta.json with format " + FORMAT + ")");
    }
}
