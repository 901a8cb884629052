package io.sedet.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a resumed run may take from the command line. A resumed run continues its stored config
 * exactly: the config the command line asks for is compared with it, setting by setting, and any
 * difference is refused with the settings named — except:
 * <ul>
 *   <li>{@code iterations}, when given explicitly, may extend the run (not shorten it below the
 *       checkpoint). The learning-rate schedule then spans the new total from the checkpoint on:
 *       warm-up and step positions are fractions or iterations of the new total, so the rest of the
 *       curve is that of a run started with the new total, not of the stored one;</li>
 *   <li>{@code backend} and {@code openclDevice}: where the kernels run, not what is trained.</li>
 * </ul>
 */
public final class ResumeCheck {
    /** Settings that do not change what a run trains. */
    private static final Set<String> WHERE_IT_RUNS = Set.of("backend", "openclDevice");

    private ResumeCheck() {
    }

    /**
     * @param stored           the checkpoint's config
     * @param asked            the config the command line describes (the stored one when it gives
     *                         no preset, file or override)
     * @param iterations       the total given explicitly ({@code --iterations}), or null to keep
     *                         the stored one
     * @param checkpointAt     the checkpoint's iteration
     * @param checkpoint       the checkpoint file, for messages
     * @return the config to continue with
     */
    public static TrainConfig resolve(TrainConfig stored, TrainConfig asked, Long iterations, long checkpointAt,
                                      Path checkpoint) {
        List<String> changed = differences(stored, asked);
        if (!changed.isEmpty()) {
            throw new InputException(checkpoint, "a resume continues the stored run, but the request changes "
                    + String.join(", ", changed) + "; keep them as stored (or start a new run in another folder)");
        }
        if (iterations == null) {
            return stored.with("iterations", stored.iterations());
        }
        if (iterations < checkpointAt) {
            throw new InputException("iterations", iterations + " is below the checkpoint's iteration "
                    + checkpointAt + " (" + checkpoint + ")");
        }
        return stored.with("iterations", iterations);
    }

    /**
     * The settings whose values differ, as {@code key (stored -> asked)}, ignoring
     * {@code iterations} and where the run's kernels run.
     */
    static List<String> differences(TrainConfig stored, TrainConfig asked) {
        List<String> out = new ArrayList<>();
        Set<String> ignored = new HashSet<>(WHERE_IT_RUNS);
        ignored.add("iterations");
        diff("", TrainConfig.JSON.valueToTree(stored), TrainConfig.JSON.valueToTree(asked), ignored, out);
        return out;
    }

    /** Every setting whose value differs between two configs, as {@code key (a -> b)}, none ignored. */
    public static List<String> everyDifference(TrainConfig a, TrainConfig b) {
        List<String> out = new ArrayList<>();
        diff("", TrainConfig.JSON.valueToTree(a), TrainConfig.JSON.valueToTree(b), Set.of(), out);
        return out;
    }

    private static void diff(String prefix, JsonNode a, JsonNode b, Set<String> ignored, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String path = prefix + k;
                if (ignored.contains(path)) {
                    continue;
                }
                diff(path + ".", a.get(k), b.get(k), ignored, out);
            }
            return;
        }
        if (!same(a, b)) {
            out.add(prefix.substring(0, prefix.length() - 1) + " (" + text(a) + " -> " + text(b) + ")");
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return aMissing == bMissing;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "none" : n.toString();
    }
}
