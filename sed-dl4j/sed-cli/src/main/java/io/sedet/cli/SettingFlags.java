package io.sedet.cli;

import io.sedet.io.InputException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one map from the library's setting names (config keys and library parameters) to this
 * command line's flags, so that an error the library raises about {@code semi.labeled} reads
 * {@code --labeled (semi.labeled)} here. The library itself never names a flag.
 */
final class SettingFlags {
    /** Config keys with a flag of their own (train, demo), shown as {@code --flag (key)}. */
    private static final Map<String, String> CONFIG_KEYS = Map.ofEntries(
            Map.entry("data", "--data"), Map.entry("iterations", "--iterations"), Map.entry("batchSize", "--batch"),
            Map.entry("optimizer.lr", "--lr"), Map.entry("seed", "--seed"), Map.entry("semi.method", "--method"),
            Map.entry("semi.labeled", "--labeled"), Map.entry("semi.split", "--split"),
            Map.entry("semi.unlabeled", "--unlabeled"), Map.entry("voc.classes", "--classes"),
            Map.entry("backend", "--backend"), Map.entry("openclDevice", "--opencl-device"));
    /** Library parameters that are flags only (no config key), shown as {@code --flag}. */
    private static final Map<String, String> PARAMETERS = Map.of("preset", "--preset", "depth", "--depth",
            "labeled", "--labeled");
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\w.-])(" + String.join("|", CONFIG_KEYS.keySet().stream().map(Pattern::quote).toList()) + ")(?![\\w.])");

    private SettingFlags() {
    }

    /** The error line of {@code e}: its setting and the settings it mentions as this CLI's flags. */
    static String message(InputException e) {
        if (e.file() != null || e.setting() == null) {
            return e.getMessage();
        }
        return flag(e.setting()) + ": " + mentions(e.problem());
    }

    /** {@code --flag (key)} for a config key with a flag, {@code --flag} for a parameter, else the name. */
    static String flag(String setting) {
        String f = CONFIG_KEYS.get(setting);
        if (f != null) {
            return f + " (" + setting + ")";
        }
        return PARAMETERS.getOrDefault(setting, setting);
    }

    private static String mentions(String problem) {
        Matcher m = MENTION.matcher(problem);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(flag(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}
