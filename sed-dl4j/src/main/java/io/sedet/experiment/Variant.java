package io.sedet.experiment;

import io.sedet.eval.data.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One arm of a comparison: a name and the config overrides that make it (on top of the shared
 * config), e.g. {@code "sed"} = {@code semi.method=sed}.
 *
 * @param name      the key in the results ("supervised", "sed", "sed w/o scale pairs", ...)
 * @param overrides {@code key.path=value} overrides
 */
public record Variant(String name, Map<String, String> overrides) {

    public Variant {
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    static Variant method(String method) {
        return new Variant(method, Map.of("semi.method", method));
    }

    private static Variant sedWithout(String what, String key, String value) {
        return new Variant("sed w/o " + what, Map.of("semi.method", "sed", key, value));
    }

    /** The three methods of SED-SPEC's comparison. */
    public static List<Variant> methods() {
        return List.of(method("supervised"), method("mean-teacher"), method("sed"));
    }

    /** SED with each component removed in turn (the paper's ablation). */
    public static List<Variant> ablations() {
        return List.of(sedWithout("scale pairs", "semi.scalePairs", "false"),
                sedWithout("same-scale pairs", "semi.sameScalePairs", "false"),
                sedWithout("re-weighting", "semi.gamma", "0"),
                sedWithout("foreground weight", "semi.foregroundWeight", "false"),
                sedWithout("soft targets", "semi.softTargets", "false"));
    }

    /** {@code NAME:key=value,key=value} (the demo's {@code --variant}). */
    public static Variant parse(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new InputException("--variant", "a variant is NAME:key=value,...; got '" + s + "'");
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (String kv : s.substring(colon + 1).split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new InputException("--variant", "variant '" + s + "': '" + kv + "' is not key=value");
            }
            o.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return new Variant(s.substring(0, colon).strip(), o);
    }

    /** A folder name for the variant's run. */
    public String folder() {
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
