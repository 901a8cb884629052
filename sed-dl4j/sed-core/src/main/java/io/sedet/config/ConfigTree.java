package io.sedet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.io.InputException;
import io.sedet.model.BackboneSpec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A config's JSON tree before it becomes a {@link TrainConfig}: the sections with defaults in code
 * filled in key by key, a file merged over the default preset, {@code key.path=value} overrides
 * applied — every key checked against the tree, so an unknown one is refused naming it and the
 * file or preset ({@code origin}) it came from.
 */
final class ConfigTree {
    private ConfigTree() {
    }

    static void merge(ObjectNode base, ObjectNode user, Path file, String prefix) {
        for (var it = user.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b == null) {
                throw new InputException(file, "unknown setting '" + prefix + e.getKey() + "'");
            }
            if (b.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) b, (ObjectNode) e.getValue(), file, prefix + e.getKey() + ".");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * The tree with the sections that have defaults in code filled in (key by key), so presets and
     * files need not list them and {@code --set semi.x=...} finds every key.
     */
    static ObjectNode withCodeDefaults(JsonNode tree, Path origin) {
        ObjectNode root = (ObjectNode) tree.deepCopy();
        withDefaults(root, "semi", SemiSupervisedConfig.defaults(), origin);
        withDefaults(root, "evaluation", PostprocessConfig.retinaNet(), origin);
        if (root.get("model") instanceof ObjectNode model) {
            if (!model.has("norm")) {
                model.put("norm", "batch"); // configs written before the key existed
            }
            if (!model.has("freezeAt")) {
                model.put("freezeAt", 0);
            }
            if (!model.has("style")) {
                model.put("style", BackboneSpec.Style.TORCHVISION.key());
            }
            if (!model.has("p2")) {
                model.put("p2", false);
            }
        }
        return root;
    }

    /** Section {@code name} of {@code root} as {@code defaults} with the keys the tree gives. */
    private static void withDefaults(ObjectNode root, String name, Object defaults, Path origin) {
        ObjectNode section = TrainConfig.JSON.valueToTree(defaults);
        JsonNode given = root.get(name);
        if (given != null && given.isObject()) {
            merge(section, (ObjectNode) given, origin, name + ".");
        } else if (given != null && !given.isNull()) {
            throw new InputException(origin, name + " must be an object");
        }
        root.set(name, section);
    }

    /** Sets {@code a.b.c=value}; the value is parsed as JSON where it can be (numbers, lists), else a string. */
    static void set(ObjectNode root, String path, String value, Path origin) {
        String[] keys = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (!(child instanceof ObjectNode o)) {
                throw new InputException(origin, "override " + path + ": no section '" + keys[i] + "'");
            }
            node = o;
        }
        String last = keys[keys.length - 1];
        if (!node.has(last)) {
            throw new InputException(origin, "override " + path + ": no setting '" + last + "' (known: "
                    + String.join(", ", (Iterable<String>) node::fieldNames) + ")");
        }
        JsonNode v;
        try {
            v = TrainConfig.JSON.readTree(value);
        } catch (IOException e) {
            v = null;
        }
        node.set(last, v == null || v.isMissingNode() ? TrainConfig.JSON.getNodeFactory().textNode(value) : v);
    }

}
