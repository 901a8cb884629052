package io.sedet.eval.voc;

import io.sedet.io.InputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Reads one Pascal VOC annotation file. Coordinates may be integers or decimals ("273.5") and
 * are kept as written, like the devkit's {@code str2double}. Inverted boxes, boxes outside the image and missing fields raise
 * {@link InputException} naming the file and the object.
 */
public final class VocXml {
    private VocXml() {
    }

    public static VocAnnotation read(Path file) {
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        if (!"annotation".equals(root.getTagName())) {
            throw new InputException(file, "root element is <" + root.getTagName() + ">, expected <annotation>");
        }
        String fileName = optText(root, "filename", "");
        Element size = child(root, "size");
        int width = size == null ? 0 : (int) Math.round(number(file, "size/width", optText(size, "width", "0")));
        int height = size == null ? 0 : (int) Math.round(number(file, "size/height", optText(size, "height", "0")));
        List<VocAnnotation.VocObject> objects = new ArrayList<>();
        int n = 0;
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element e) || !"object".equals(e.getTagName())) {
                continue;
            }
            String where = "object " + (n + 1);
            String name = optText(e, "name", null);
            if (name == null || name.isBlank()) {
                throw new InputException(file, where + ": missing <name>");
            }
            where += " (" + name.strip() + ")";
            Element bb = child(e, "bndbox");
            if (bb == null) {
                throw new InputException(file, where + ": missing <bndbox>");
            }
            double xmin = coord(file, where, bb, "xmin");
            double ymin = coord(file, where, bb, "ymin");
            double xmax = coord(file, where, bb, "xmax");
            double ymax = coord(file, where, bb, "ymax");
            if (xmax < xmin || ymax < ymin) {
                throw new InputException(file, where + ": inverted box xmin=" + xmin + " ymin=" + ymin
                        + " xmax=" + xmax + " ymax=" + ymax);
            }
            if (xmin < 0 || ymin < 0 || (width > 0 && xmax > width) || (height > 0 && ymax > height)) {
                throw new InputException(file, where + ": box xmin=" + xmin + " ymin=" + ymin + " xmax=" + xmax
                        + " ymax=" + ymax + " lies outside the " + width + "x" + height + " image");
            }
            boolean difficult = flag(file, where, e, "difficult");
            boolean truncated = flag(file, where, e, "truncated");
            objects.add(new VocAnnotation.VocObject(name.strip(), xmin, ymin, xmax, ymax, difficult, truncated));
            n++;
        }
        return new VocAnnotation(fileName, width, height, objects);
    }

    private static Document parse(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputException(file, "no such annotation file");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e; // reported once, by the caller; the default handler also prints to stderr
                }
            });
            return b.parse(file.toFile());
        } catch (SAXParseException e) {
            throw new InputException(file, "malformed XML at line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new InputException(file, "cannot read XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && tag.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String optText(Element parent, String tag, String fallback) {
        Element e = child(parent, tag);
        return e == null ? fallback : e.getTextContent().strip();
    }

    private static double coord(Path file, String where, Element bndbox, String tag) {
        String s = optText(bndbox, tag, null);
        if (s == null) {
            throw new InputException(file, where + ": missing <bndbox><" + tag + ">");
        }
        return number(file, where + " " + tag, s);
    }

    private static double number(Path file, String what, String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputException(file, what + ": '" + s + "' is not a number");
        }
    }

    private static boolean flag(Path file, String where, Element obj, String tag) {
        String s = optText(obj, tag, "0");
        if (s.isEmpty()) {
            return false;
        }
        return number(file, where + " " + tag, s) != 0;
    }
}
