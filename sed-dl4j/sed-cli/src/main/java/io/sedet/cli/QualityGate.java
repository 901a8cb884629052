package io.sedet.cli;

import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What CI needs of an evaluation (the {@code eval} commands mix this in): {@code --fail-under
 * METRIC=VALUE} (repeatable; exit code {@value #EXIT_BELOW} and one line per metric below its
 * bound) and {@code --junit FILE} (a JUnit XML report that CI systems display: one test case per
 * bound, failed when the metric is below it, every metric as a property; one passing case when no
 * bound is given).
 */
public final class QualityGate {
    /** Exit code of an evaluation below a {@code --fail-under} bound. */
    public static final int EXIT_BELOW = 3;

    @Option(names = "--fail-under", paramLabel = "METRIC=VALUE",
            description = "Exit with code 3 when METRIC (e.g. AP, AP50, mAP) is below VALUE; repeatable.")
    Map<String, String> bounds = new LinkedHashMap<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report of the metrics and bounds to FILE.")
    Path junit;

    /** One bound and how the metric fared. */
    record Check(String metric, double bound, double value) {
        boolean passed() {
            return value >= bound;
        }
    }

    /**
     * Checks {@code metrics} against the bounds, writes the JUnit report when asked, prints one
     * line per failed bound to {@code err}, and returns the exit code (0 or {@value #EXIT_BELOW}).
     *
     * @param suite the report's suite name ("eval coco GT.json")
     */
    int apply(String suite, Map<String, Double> metrics, PrintWriter err) throws IOException {
        List<Check> checks = checks(metrics);
        if (junit != null) {
            InputFiles.writeAtomically(junit, out -> out.write(junitXml(suite, metrics, checks).getBytes(StandardCharsets.UTF_8)));
        }
        int code = 0;
        for (Check c : checks) {
            if (!c.passed()) {
                err.println(String.format(Locale.ROOT, "sedet: below the bound: %s %.4f < %s", c.metric(), c.value(),
                        bounds.get(c.metric())));
                code = EXIT_BELOW;
            }
        }
        err.flush();
        return code;
    }

    /**
     * Refuses, before anything is evaluated, a bound on a metric that the evaluation will not have
     * or a bound that is not a number.
     *
     * @param names the metrics it will have
     * @param hint  appended to the message (how to get other metrics), or ""
     */
    void requireKnown(java.util.Collection<String> names, String hint) {
        for (Map.Entry<String, String> b : bounds.entrySet()) {
            if (!names.contains(b.getKey())) {
                throw new InputException("--fail-under", "no metric '" + b.getKey() + "' (this evaluation has "
                        + String.join(", ", names) + ")" + hint);
            }
            bound(b.getKey());
        }
    }

    private double bound(String metric) {
        String value = bounds.get(metric);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InputException("--fail-under", metric + "=" + value + " is not METRIC=NUMBER");
        }
    }

    List<Check> checks(Map<String, Double> metrics) {
        requireKnown(metrics.keySet(), "");
        List<Check> out = new ArrayList<>();
        for (Map.Entry<String, String> b : bounds.entrySet()) {
            Double v = metrics.get(b.getKey());
            double bound = bound(b.getKey());
            // a metric that is undefined (NaN: no ground truth) fails its bound
            out.add(new Check(b.getKey(), bound, v == null ? Double.NaN : v));
        }
        return out;
    }

    static String junitXml(String suite, Map<String, Double> metrics, List<Check> checks) {
        long failures = checks.stream().filter(c -> !c.passed()).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n",
                esc(suite), Math.max(1, checks.size()), failures));
        x.append("  <properties>\n");
        metrics.forEach((k, v) -> x.append(String.format(Locale.ROOT, "    <property name=\"%s\" value=\"%s\"/>%n", esc(k),
                v == null || v.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.6f", v))));
        x.append("  </properties>\n");
        if (checks.isEmpty()) {
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"evaluation\"/>%n", esc(suite)));
        }
        for (Check c : checks) {
            String name = String.format(Locale.ROOT, "%s >= %s", c.metric(), fmt(c.bound()));
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\"", esc(suite), esc(name)));
            if (c.passed()) {
                x.append("/>\n");
            } else {
                x.append(">\n").append(String.format(Locale.ROOT, "    <failure message=\"%s\"/>%n",
                        esc(String.format(Locale.ROOT, "%s is %s, below %s", c.metric(), fmt(c.value()), fmt(c.bound())))));
                x.append("  </testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        return x.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
