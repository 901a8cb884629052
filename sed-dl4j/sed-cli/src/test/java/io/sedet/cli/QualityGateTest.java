package io.sedet.cli;

import io.sedet.testing.RepoFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --fail-under} and {@code --junit} of the eval commands, as CI uses them. */
class QualityGateTest {
    private static final Path CASE = RepoFiles.cocoCases().resolve("random-1");

    @TempDir
    Path dir;

    private static SedetCliTest.Run coco(String... more) {
        String[] base = {"eval", "coco", "--gt", CASE.resolve("gt.json").toString(), "--dt", CASE.resolve("dt.json").toString(),
            "--json"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return SedetCliTest.run(all);
    }

    private static Document xml(Path f) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
    }

    @Test
    void boundsPassFailAndReportAsJUnit() throws Exception {
        double ap = new ObjectMapper().readTree(coco().out()).get("AP").asDouble();
        assertTrue(ap > 0.05 && ap < 0.95, "the case must sit between the bounds used here: " + ap);

        Path pass = dir.resolve("pass.xml");
        SedetCliTest.Run r = coco("--fail-under", "AP=" + (ap - 0.01), "--fail-under", "AP50=0", "--junit", pass.toString());
        assertEquals(0, r.code(), r.err());
        Document d = xml(pass);
        Element suite = d.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));

        Path fail = dir.resolve("fail.xml");
        r = coco("--fail-under", "AP=" + (ap + 0.01), "--fail-under", "AP50=0", "--junit", fail.toString());
        assertEquals(QualityGate.EXIT_BELOW, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith(String.format(java.util.Locale.ROOT, "sedet: below the bound: AP %.4f < ", ap)), r.err());
        JsonNode printed = new ObjectMapper().readTree(r.out());
        assertEquals(ap, printed.get("AP").asDouble(), 0.0, "the metrics are still printed");
        d = xml(fail);
        assertEquals("1", d.getDocumentElement().getAttribute("failures"));
        NodeList failures = d.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        assertTrue(((Element) failures.item(0).getParentNode()).getAttribute("name").startsWith("AP >= "));
        NodeList props = d.getElementsByTagName("property");
        assertEquals(12, props.getLength());
        Element first = (Element) props.item(0);
        assertEquals("AP", first.getAttribute("name"));
        assertEquals(ap, Double.parseDouble(first.getAttribute("value")), 1e-6);

        r = coco("--fail-under", "mAP=0.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--fail-under: no metric 'mAP'"), r.err());
        r = coco("--fail-under", "AP=high");
        assertEquals(2, r.code());
    }

    @Test
    void vocBoundsNameMapOrAClass() throws Exception {
        Path root = RepoFiles.shared().resolve("datasets/voc-mini/VOC2012");
        Path dt = dir.resolve("none.json");
        java.nio.file.Files.writeString(dt, "[]");
        SedetCliTest.Run r = SedetCliTest.run("eval", "voc", "--root", root.toString(), "--set", "test", "--dt", dt.toString(),
                "--fail-under", "mAP=0.5", "--fail-under", "AP/dog=0.1", "--junit", dir.resolve("v.xml").toString());
        assertEquals(QualityGate.EXIT_BELOW, r.code(), r.out() + r.err());
        assertEquals(2, r.err().strip().lines().count(), r.err());
        assertEquals("2", xml(dir.resolve("v.xml")).getDocumentElement().getAttribute("failures"));
    }
}
