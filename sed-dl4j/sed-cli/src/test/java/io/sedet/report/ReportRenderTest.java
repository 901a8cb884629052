package io.sedet.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The report rendered in headless Chromium (Debian's {@code chromium}): no console error, every
 * image decoded, every section there. A checker script is added to a copy of the page (the report
 * itself has none); Chromium prints the DOM after the page has loaded and the test reads the
 * checker's verdict from it. Skipped where Chromium is missing, unless
 * {@code SEDET_CHROMIUM_REQUIRED=1} (CI installs it and sets that).
 */
class ReportRenderTest {
    @TempDir
    Path dir;

    private static final String CHECKER = """
            <script>
            window.__problems = [];
            window.addEventListener('error', e => window.__problems.push('error: ' + (e.message
                || (e.target && e.target.tagName + ' failed to load'))), true);
            for (const level of ['error', 'warn']) {
              const original = console[level];
              console[level] = (...args) => { window.__problems.push('console.' + level + ': ' + args.join(' ')); original(...args); };
            }
            window.addEventListener('load', () => {
              const p = window.__problems;
              for (const id of %s) {
                if (!document.getElementById(id)) p.push('missing section ' + id);
              }
              const imgs = Array.from(document.images);
              for (const img of imgs) {
                if (!img.complete || img.naturalWidth === 0) p.push('image not loaded: ' + img.alt);
              }
              const out = document.createElement('pre');
              out.id = 'sedet-check';
              out.textContent = 'images=' + imgs.length + ';problems=' + (p.length ? p.join(' | ') : 'none');
              document.body.appendChild(out);
            });
            </script>
            """;

    static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @Test
    void rendersInChromiumWithoutErrors() throws Exception {
        Path browser = chromium();
        if (browser == null) {
            if ("1".equals(System.getenv("SEDET_CHROMIUM_REQUIRED"))) {
                fail("SEDET_CHROMIUM_REQUIRED=1 but no chromium is installed");
            }
            Assumptions.abort("no chromium here (apt-get install chromium)");
        }
        List<Path> runs = ReportTest.trainTwo(dir);
        String html = ReportTest.report(dir.resolve("report.html"), 2, runs.get(0), runs.get(1));
        int expectedImages = ReportTest.images(html).size();
        String sections = "['" + String.join("','", HtmlReport.SECTIONS) + "']";
        Path checked = dir.resolve("checked.html");
        Files.writeString(checked, html.replaceFirst("<head>", "<head>\n" + CHECKER.formatted(sections)),
                StandardCharsets.UTF_8);

        String dom = run(browser, "--dump-dom", checked.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"sedet-check\">images=(\\d+);problems=([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the checker did not run; Chromium printed:\n" + dom.substring(0, Math.min(2000, dom.length())));
        assertEquals("none", m.group(2));
        assertEquals(expectedImages, Integer.parseInt(m.group(1)));

        // the unmodified page renders to a screenshot (what the README shows is made this way)
        Path png = dir.resolve("report.png");
        run(browser, "--screenshot=" + png, "--window-size=1280,2400", dir.resolve("report.html").toUri().toString());
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }

    private Path profile;

    private String run(Path browser, String... args) throws Exception {
        if (profile == null) {
            profile = Files.createDirectories(dir.resolve("profile"));
        }
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), "chromium: " + Files.readString(dir.resolve("chromium.log")));
        return new String(out, StandardCharsets.UTF_8);
    }
}
