package io.sedet.eval.coco;

import io.sedet.eval.box.Box;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
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

class CocoJsonTest {
    private static final String IMAGES = "\"images\":[{\"id\":7,\"file_name\":\"a.jpg\",\"width\":64,\"height\":48},"
            + "{\"id\":3,\"file_name\":\"b.jpg\",\"width\":64,\"height\":48}]";
    private static final String CATS = "\"categories\":[{\"id\":2,\"name\":\"dog\"},{\"id\":1,\"name\":\"cat\"}]";
    private static final String GOOD_ANN = "{\"id\":1,\"image_id\":7,\"category_id\":2,\"bbox\":[1,2,10,20],\"area\":150,\"iscrowd\":0}";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private Dataset goodGt() throws Exception {
        return CocoJson.readInstances(write("gt.json", "{" + IMAGES + "," + CATS + ",\"annotations\":[" + GOOD_ANN + "]}"), dir);
    }

    @Test
    void readsInstancesSortedLikePycocotools() throws Exception {
        Dataset d = goodGt();
        assertEquals(List.of("3", "7"), d.images().stream().map(i -> i.id()).toList());
        assertEquals(List.of(1, 2), d.categories().stream().map(c -> c.id()).toList());
        assertEquals(new Box(1, 2, 11, 22), d.annotations().get(0).box());
        assertEquals(150.0, d.annotations().get(0).area());
    }

    @Test
    void resultsRoundTrip() throws Exception {
        Dataset gt = goodGt();
        List<Detection> dts = List.of(new Detection("7", 2, new Box(1.5, 2, 11, 22.25), 0.875),
                new Detection("3", 1, new Box(0, 0, 4, 4), 0.5));
        Path f = dir.resolve("out/dt.json");
        CocoJson.writeResults(f, dts, true);
        assertEquals(dts, CocoJson.readResults(f, gt));
        assertTrue(Files.readString(f).contains("\"image_id\":7"), "numeric ids stay numbers");
    }

    @Test
    void emptyResultListIsValid() throws Exception {
        assertEquals(List.of(), CocoJson.readResults(write("dt.json", "[]"), goodGt()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad json           | {\"images\": [                                                     | malformed JSON at line",
        "not coco           | {\"foo\": 1}                                                        | missing array 'images'",
        "image without id   | {\"images\":[{\"file_name\":\"x.jpg\"}]}                           | images[0]: missing field 'id'",
        "duplicate image    | {\"images\":[{\"id\":1},{\"id\":1}]}                               | duplicate image id 1",
        "unknown image      | {IMAGES},{CATS},\"annotations\":[{\"id\":1,\"image_id\":9,\"category_id\":1,\"bbox\":[0,0,1,1],\"area\":1}]} | image_id 9 is not in 'images'",
        "unknown category   | {IMAGES},{CATS},\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":5,\"bbox\":[0,0,1,1],\"area\":1}]} | category_id 5 is not in 'categories'",
        "negative box       | {IMAGES},{CATS},\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,-1,1],\"area\":1}]} | negative width or height",
        "short box          | {IMAGES},{CATS},\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,1],\"area\":1}]} | must be [x, y, w, h]",
        "missing area       | {IMAGES},{CATS},\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,1,1]}]} | annotations[0] (id 1): missing field 'area'",
        "duplicate ann id   | {IMAGES},{CATS},\"annotations\":[GOOD,GOOD]}                      | duplicate annotation id 1",
        "string id          | {\"images\":[{\"id\":\"abc\"}]}                                     | field 'id' must be an integer",
    })
    void malformedInstancesNameFileAndProblem(String name, String json, String problem) throws Exception {
        String content = json.strip().replace("{IMAGES}", "{" + IMAGES).replace("{CATS}", CATS)
                .replace("GOOD", GOOD_ANN);
        Path f = write("bad.json", content);
        InputException e = assertThrows(InputException.class, () -> CocoJson.readInstances(f, dir), name);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem.strip()), name + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a list        | {\"image_id\":7}                                                    | must be a JSON list",
        "unknown image     | [{\"image_id\":8,\"category_id\":1,\"bbox\":[0,0,1,1],\"score\":0.5}] | image_id 8 is not an image of the ground truth",
        "unknown category  | [{\"image_id\":7,\"category_id\":9,\"bbox\":[0,0,1,1],\"score\":0.5}] | category_id 9 is not a category of the ground truth",
        "no score          | [{\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,1,1]}]               | missing field 'score'",
        "nan score         | [{\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,1,1],\"score\":NaN}] | malformed JSON",
        "string score      | [{\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,1,1],\"score\":\"hi\"}] | must be a number",
        "inverted box      | [{\"image_id\":7,\"category_id\":1,\"bbox\":[5,5,-2,1],\"score\":0.5}] | negative width or height",
    })
    void malformedResultsNameFileAndProblem(String name, String json, String problem) throws Exception {
        Dataset gt = goodGt();
        Path f = write("dt.json", json.strip());
        InputException e = assertThrows(InputException.class, () -> CocoJson.readResults(f, gt), name);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem.strip()), name + ": " + e.getMessage());
    }

    @Test
    void missingAndEmptyFiles() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> CocoJson.readInstances(dir.resolve("nope.json"), dir));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
        Path empty = write("empty.json", "");
        e = assertThrows(InputException.class, () -> CocoJson.readInstances(empty, dir));
        assertTrue(e.getMessage().endsWith("file is empty"), e.getMessage());
        e = assertThrows(InputException.class, () -> CocoJson.readInstances(dir, dir));
        assertTrue(e.getMessage().endsWith("not a regular file"), e.getMessage());
    }
}
