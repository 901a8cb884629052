package io.sedet.eval.voc;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Dataset;
import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocDevkitTest {
    @TempDir
    Path root;

    private static String xml(String objects) {
        return "<annotation><filename>x.jpg</filename><size><width>100</width><height>80</height><depth>3</depth></size>"
                + objects + "</annotation>";
    }

    private static String obj(String name, String xmin, String ymin, String xmax, String ymax, int difficult) {
        return "<object><name>" + name + "</name><difficult>" + difficult + "</difficult><bndbox><xmin>" + xmin
                + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>";
    }

    private void layout(String set, String... idsAndXml) throws Exception {
        Files.createDirectories(root.resolve("Annotations"));
        Files.createDirectories(root.resolve("JPEGImages"));
        Files.createDirectories(root.resolve("ImageSets/Main"));
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < idsAndXml.length; i += 2) {
            Files.writeString(root.resolve("Annotations/" + idsAndXml[i] + ".xml"), idsAndXml[i + 1]);
            Files.write(root.resolve("JPEGImages/" + idsAndXml[i] + ".jpg"), new byte[] {1});
            ids.append(idsAndXml[i]).append('\n');
        }
        Files.writeString(root.resolve("ImageSets/Main/" + set + ".txt"), ids.toString());
    }

    @Test
    void readsLayoutAndConvertsToContinuousPixels() throws Exception {
        layout("test", "b", xml(obj("dog", "1", "1", "10", "20", 0) + obj("cat", "5.5", "6", "50", "60", 1)),
                "a", xml(""));
        Dataset d = VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
        assertEquals(List.of("a", "b"), d.images().stream().map(i -> i.id()).toList());
        assertEquals(100, d.images().get(1).width());
        assertEquals(2, d.annotations().size());
        assertEquals(new Box(0, 0, 10, 20), d.annotations().get(0).box());
        assertEquals(VocClasses.VOC20.indexOf("dog") + 1, d.annotations().get(0).categoryId());
        assertEquals(new Box(4.5, 5, 50, 60), d.annotations().get(1).box());
        assertTrue(d.annotations().get(1).difficult());
        assertEquals(20, d.categories().size());
    }

    @Test
    void acceptsDevkitFolderWithOneYear() throws Exception {
        Path inner = root.resolve("VOC2012");
        Files.createDirectories(inner.resolve("Annotations"));
        assertEquals(inner, VocDevkit.resolveRoot(root));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed xml | <annotation><object></annotation>                                                   | malformed XML at line",
        "wrong root    | <foo/>                                                                               | expected <annotation>",
        "unknown class | " + "<annotation><object><name>unicorn</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation> | unknown class 'unicorn'",
        "inverted box  | <annotation><object><name>dog</name><bndbox><xmin>9</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation> | object 1 (dog): inverted box",
        "no bndbox     | <annotation><object><name>dog</name></object></annotation>                          | object 1 (dog): missing <bndbox>",
        "not a number  | <annotation><object><name>dog</name><bndbox><xmin>a</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation> | xmin: 'a' is not a number",
        "outside image | <annotation><size><width>10</width><height>10</height></size><object><name>dog</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>50</xmax><ymax>5</ymax></bndbox></object></annotation> | lies outside the 10x10 image",
        "empty file    | ''                                                                                   | malformed XML",
    })
    void badAnnotationsNameFileAndProblem(String name, String content, String problem) throws Exception {
        layout("test", "x", content.strip().equals("''") ? "" : content.strip());
        InputException e = assertThrows(InputException.class,
                () -> VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true), name);
        assertTrue(e.getMessage().contains("x.xml"), e.getMessage());
        assertTrue(e.getMessage().contains(problem.strip()), name + ": " + e.getMessage());
    }

    @Test
    void unknownClassesCanBeSkippedOnRequest() throws Exception {
        layout("test", "x", xml(obj("unicorn", "1", "1", "5", "5", 0) + obj("dog", "1", "1", "5", "5", 0)));
        Dataset d = VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.SKIP, true);
        assertEquals(1, d.annotations().size());
    }

    @Test
    void missingPieces() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> VocDevkit.read(root.resolve("nope"), "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true));
        assertTrue(e.getMessage().contains("no such VOC folder"), e.getMessage());
        layout("test", "x", xml(""));
        e = assertThrows(InputException.class,
                () -> VocDevkit.read(root, "val", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true));
        assertTrue(e.getMessage().contains("val.txt") && e.getMessage().contains("no such image set"), e.getMessage());
        Files.delete(root.resolve("JPEGImages/x.jpg"));
        e = assertThrows(InputException.class,
                () -> VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true));
        assertTrue(e.getMessage().contains("x.jpg") && e.getMessage().contains("missing"), e.getMessage());
        Files.delete(root.resolve("Annotations/x.xml"));
        e = assertThrows(InputException.class,
                () -> VocDevkit.read(root, "test", VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, false));
        assertTrue(e.getMessage().contains("x.xml") && e.getMessage().contains("no such annotation file"), e.getMessage());
    }

    @Test
    void classListFile() throws Exception {
        Path f = root.resolve("classes.txt");
        Files.writeString(f, "# my classes\nbolt\n\nnut\n");
        assertEquals(List.of("bolt", "nut"), VocClasses.read(f));
        Files.writeString(f, "bolt\nbolt\n");
        assertThrows(InputException.class, () -> VocClasses.read(f));
        Files.writeString(f, "\n# nothing\n");
        assertThrows(InputException.class, () -> VocClasses.read(f));
    }
}
