package io.sedet.experiment;

import io.sedet.io.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One arm of a comparison: a name, the config overrides that make it (on top of the shared
 * config), e.g. {@code "sed"} = {@code semi.method=sed}, the run folder it trains in and which of
 * the run's weights it reports. Two arms may share a folder: {@code supervised} and
 * {@code supervised+ema} are one run, reported by its student and by its EMA.
 *
 * @param name      the key in the results ("supervised", "sed", "sed w/o scale pairs", ...)
 * @param overrides {@code key.path=value} overrides
 * @param folder    the run's folder name under the comparison's folder
 * @param weights   the weights evaluated
 */
public record Variant(String name, Map<String, String> overrides, String folder, Weights weights) {

    /** Which parameters of a finished run an arm reports. */
    public enum Weights {
        /** The run's evaluated weights: the teacher (mean teacher, SED), else the EMA if any, else the student. */
        EVALUATED,
        /** The student θ_s, also where the run keeps an EMA. */
        STUDENT
    }

    public Variant {
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        if (folder == null) {
            folder = folderOf(name);
        }
        if (weights == null) {
            weights = Weights.EVALUATED;
        }
    }

    public Variant(String name, Map<String, String> overrides) {
        this(name, overrides, null, null);
    }

    static Variant method(String method) {
        return new Variant(method, Map.of("semi.method", method));
    }

    private static Variant sedWithout(String what, String key, String value) {
        return new Variant("sed w/o " + what, Map.of("semi.method", "sed", key, value));
    }

    /**
     * The methods of SED-SPEC's comparison, the supervised baseline reported twice: by its student
     * ("supervised") and by an EMA of it with the teacher's momentum ("supervised+ema"), so that
     * SED's gain is not the averaging alone.
     *
     * @param teacherMomentum m of the teacher, used as the supervised EMA's decay
     */
    public static List<Variant> methods(double teacherMomentum) {
        Map<String, String> sup = Map.of("semi.method", "supervised", "ema", Double.toString(teacherMomentum));
        return List.of(new Variant("supervised", sup, "supervised", Weights.STUDENT),
                new Variant("supervised+ema", sup, "supervised", Weights.EVALUATED),
                method("mean-teacher"), method("sed"));
    }

    /**
     * The label oracle: supervised on every training image, same schedule and budget — the ceiling
     * unlabeled data could approach (trained from scratch: its burn-in differs).
     */
    public static Variant oracle() {
        return new Variant("oracle (all labels)", Map.of("semi.method", "supervised", "semi.labeled", "null"));
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

    /** A folder name for an arm's run. */
    static String folderOf(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
