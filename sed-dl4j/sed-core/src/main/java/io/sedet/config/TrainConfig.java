package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.data.AugmentConfig;
import io.sedet.io.InputException;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run is made of, read from a JSON file or a shipped preset, with
 * {@code key.path=value} overrides. Every field has a documented default in the presets
 * ({@code sed-dl4j/src/main/resources/presets/*.json}).
 *
 * @param data       "shapes", "voc:ROOT" or "coco:GT.json,IMAGEDIR"
 * @param shapes     sizes of the synthetic dataset (when data is "shapes")
 * @param voc        VOC image sets (when data is "voc:...")
 * @param model      detector shape
 * @param input      canvas the images are fitted into (multiples of 128)
 * @param batchSize  images per step
 * @param iterations optimizer steps
 * @param optimizer  optimizer
 * @param schedule   learning-rate schedule
 * @param augment    training augmentation
 * @param evalEvery  evaluate on the validation split every this many iterations (and at the end)
 * @param checkpointEvery write a checkpoint every this many iterations (and at the end)
 * @param logEvery   log losses every this many iterations
 * @param seed       seed of initialisation, data order and augmentation
 * @param init       a checkpoint or model whose {@code backbone.*} parameters start the backbone
 *                   (e.g. one trained on another dataset), or null for random initialisation
 * @param ema        decay of the model EMA that is evaluated and shipped (e.g. 0.998); 0 or absent for none
 * @param boxLoss    "smoothl1" (default when absent) or "giou"
 * @param backend    auto | cpu | cuda | opencl (see {@code io.sedet.backend.Backend}); null means auto
 * @param openclDevice part of the name of the OpenCL device to use, or null for the first
 * @param semi       semi-supervised settings ({@link SemiSupervisedConfig}; absent: its defaults, supervised)
 * @param evaluation the post-processing of every evaluation of the run (validation, a comparison's
 *                   test split, {@code eval model}): {@link PostprocessConfig}; absent: torchvision's
 *                   RetinaNet defaults (score 0.05, 1000 per level, NMS 0.5, 100 per image)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TrainConfig(String data, Shapes shapes, Voc voc, Model model, Input input, int batchSize, long iterations,
                          OptimizerConfig optimizer, ScheduleConfig schedule, AugmentConfig augment, long evalEvery,
                          long checkpointEvery, long logEvery, long seed, String init, Double ema, String boxLoss,
                          String backend, String openclDevice, SemiSupervisedConfig semi,
                          PostprocessConfig evaluation) {

    public TrainConfig {
        if (semi == null) {
            semi = SemiSupervisedConfig.defaults(); // configs and checkpoints written before the section existed
        }
        if (evaluation == null) {
            evaluation = PostprocessConfig.retinaNet();
        }
    }

    /** Synthetic dataset sizes. */
    public record Shapes(int train, int val, int test, int imageSize) {
    }

    /**
     * A VOC-format dataset: image sets for training and validation, and its classes.
     *
     * @param classes     null: the 20 Pascal VOC classes; "auto": the class names found in the
     *                    training set's annotations, sorted; otherwise a class-list file (one name
     *                    per line; label k is line k)
     * @param skipUnknown leave out objects whose class is not in the list (and say how many)
     *                    instead of failing on the first one
     */
    public record Voc(String trainSet, String valSet, String classes, boolean skipUnknown) {
    }

    /**
     * Detector shape.
     *
     * @param p6From "c5" (default when absent) or "p5": the input of P6
     * @param norm   "batch" (default when absent: BatchNorm with batch statistics) or "frozen"
     *               (a fixed affine of the stored statistics, nothing of it trained; for
     *               fine-tuning a pretrained backbone), see {@link DetectorSpec.Norm}
     * @param freezeAt the backbone stages whose parameters never train (detectron2's FREEZE_AT):
     *                 0 none (default), 1 the stem, 2 the stem and layer1 (C2), … 5 the whole ResNet
     * @param style  "torchvision" (default when absent) or "caffe": the ResNet variant, which must be
     *               that of a pretrained backbone's weights, see {@link BackboneSpec.Style}
     * @param p2     true: the FPN also has P2, computed for SED's half view only, where it is the
     *               scale-equivalent partner of the full view's P3 (false, the default when absent:
     *               the full view's P3 has none), see {@link DetectorSpec#p2}
     */
    public record Model(int depth, double width, int fpnChannels, int headConvs, String p6From, String norm,
                        Integer freezeAt, String style, Boolean p2) {
        /** Whether the FPN has the half view's P2 ({@link #p2}; false when absent). */
        public boolean halfViewP2() {
            return p2 != null && p2;
        }

        /** The ResNet variant. */
        public BackboneSpec.Style backboneStyle() {
            try {
                return BackboneSpec.Style.parse(style);
            } catch (IllegalArgumentException e) {
                throw new InputException("model.style", e.getMessage());
            }
        }

        /** The stages {@link #freezeAt} freezes (0 when absent). */
        public int frozenStages() {
            return freezeAt == null ? 0 : freezeAt;
        }


        DetectorSpec.Norm normalization() {
            if (norm == null || norm.equalsIgnoreCase("batch")) {
                return DetectorSpec.Norm.BATCH;
            }
            if (norm.equalsIgnoreCase("frozen")) {
                return DetectorSpec.Norm.FROZEN;
            }
            throw new InputException("model.norm", "must be batch or frozen, got '" + norm + "'");
        }

        DetectorSpec.P6Source p6Source() {
            if (p6From == null || p6From.equalsIgnoreCase("c5")) {
                return DetectorSpec.P6Source.C5;
            }
            if (p6From.equalsIgnoreCase("p5")) {
                return DetectorSpec.P6Source.P5;
            }
            throw new InputException("model.p6From", "must be c5 or p5, got '" + p6From + "'");
        }
    }

    /** Input canvas. */
    public record Input(int height, int width) {
    }

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * This config with {@code key.path=value} overrides applied (the same rules as {@code --set}),
     * validated again.
     */
    public TrainConfig with(Map<String, String> overrides) {
        return fromTree(JSON.valueToTree(this), overrides, Path.of("config"));
    }

    /** This config with another {@code semi} section. */
    public TrainConfig withSemi(SemiSupervisedConfig newSemi) {
        ObjectNode tree = JSON.valueToTree(this);
        tree.set("semi", JSON.valueToTree(newSemi));
        return fromTree(tree, Map.of(), Path.of("config"));
    }

    /**
     * Whether a run of {@code other} computes the same steps as a run of this config: equal once
     * the keys the method does not read are at their defaults
     * ({@link SemiSupervisedConfig#withUnusedAtDefaults}), so a finished supervised or SED run is
     * reused when only mean teacher's own knobs changed.
     */
    public boolean sameRun(TrainConfig other) {
        return asRun().toJson().equals(other.asRun().toJson());
    }

    /**
     * This config with the semi-supervised keys its method does not read at their defaults: what
     * decides the steps a run computes ({@link #sameRun}).
     */
    public TrainConfig asRun() {
        return withSemi(semi.withUnusedAtDefaults());
    }

    /** {@link #with(Map)} for one key. */
    public TrainConfig with(String key, Object value) {
        return with(Map.of(key, String.valueOf(value)));
    }

    /** The model EMA's decay, 0 for none (configs written before the key existed have none). */
    public double emaDecay() {
        return ema == null ? 0.0 : ema;
    }

    /** The supervised loss this config trains with. */
    public SupervisedLoss.Config lossConfig() {
        if (boxLoss == null || boxLoss.equalsIgnoreCase("smoothl1")) {
            return SupervisedLoss.Config.retinaNet();
        }
        if (boxLoss.equalsIgnoreCase("giou")) {
            return SupervisedLoss.Config.retinaNet().withBoxLoss(SupervisedLoss.BoxLoss.GIOU);
        }
        throw new InputException("boxLoss", "must be smoothl1 or giou, got '" + boxLoss + "'");
    }

    /** The detector this config trains, for {@code numClasses} classes. */
    public DetectorSpec detectorSpec(int numClasses) {
        return DetectorSpec.retinaNet(new BackboneSpec(model.depth(), model.width(), model.backboneStyle()),
                        model.fpnChannels(), model.headConvs(), numClasses)
                .withP6(model.p6Source()).withNorm(model.normalization()).withFreezeAt(model.frozenStages())
                .withP2(model.halfViewP2());
    }

    /** Names of the presets shipped in the jar. */
    public static List<String> presets() {
        return List.of("shapes-small", "shapes-demo", "shapes-quality", "voc-r18", "coco-r50", "voc-r50-pretrained", "coco-r50-pretrained");
    }

    /** Loads a shipped preset. */
    public static TrainConfig preset(String name, Map<String, String> overrides) {
        try (InputStream in = TrainConfig.class.getResourceAsStream("/presets/" + name + ".json")) {
            if (in == null) {
                throw new InputException("preset", "no preset '" + name + "' (presets: " + String.join(", ", presets()) + ")");
            }
            return fromTree(JSON.readTree(in), overrides, Path.of("preset:" + name));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
    }

    /** The preset a config file's missing settings come from. */
    public static final String DEFAULTS = "shapes-small";

    /**
     * Loads a JSON config file. Settings it leaves out keep the values of the
     * {@value #DEFAULTS} preset (sections merge key by key); unknown keys are errors.
     */
    public static TrainConfig file(Path file, Map<String, String> overrides) {
        JsonNode user = io.sedet.io.JsonFiles.read(file);
        if (!user.isObject()) {
            throw new InputException(file, "a training config must be a JSON object");
        }
        try (InputStream in = TrainConfig.class.getResourceAsStream("/presets/" + DEFAULTS + ".json")) {
            ObjectNode base = ConfigTree.withCodeDefaults(JSON.readTree(in), file);
            ConfigTree.merge(base, (ObjectNode) user, file, "");
            return fromTree(base, overrides, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default preset", e);
        }
    }

    private static TrainConfig fromTree(JsonNode tree, Map<String, String> overrides, Path origin) {
        ObjectNode root = ConfigTree.withCodeDefaults(tree, origin);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            ConfigTree.set(root, e.getKey(), e.getValue(), origin);
        }
        try {
            TrainConfig c = JSON.treeToValue(root, TrainConfig.class);
            ConfigValidation.check(c, origin);
            return c;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // name the key: "model.depth: Cannot deserialize value of type `int` from String ..."
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            throw new InputException(origin, (key.isEmpty() ? "bad training config" : key) + ": " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(origin, "bad training config: " + e.getOriginalMessage());
        }
    }

    /**
     * A config stored by an earlier run (a checkpoint's or model's meta.json): the sections with
     * defaults in code are filled in, so a run written before a key existed reads with that key's
     * default (the behaviour it was trained with). Not validated again.
     */
    public static TrainConfig stored(JsonNode tree) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.treeToValue(ConfigTree.withCodeDefaults(tree, Path.of("stored config")), TrainConfig.class);
    }

    /** This config as JSON (written next to checkpoints). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the config as JSON. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson());
    }
}
