package io.sedet.eval.coco;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.sedet.eval.box.Box;
import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import io.sedet.io.Fields;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import io.sedet.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * COCO files: instances JSON (ground truth) and results JSON (a list of detections).
 * Boxes are COCO's {@code [x, y, w, h]} in absolute pixels on file and {@link Box} xyxy in memory.
 */
public final class CocoJson {
    private CocoJson() {
    }

    /**
     * Reads a COCO instances file. Images are sorted by id (pycocotools' evaluation order),
     * annotations keep file order. Every problem — missing fields, duplicate ids, annotations on
     * unknown images or categories, negative boxes — raises {@link InputException}.
     *
     * @param imageRoot folder the images' {@code file_name}s are relative to (may be null)
     */
    public static Dataset readInstances(Path file, Path imageRoot) {
        JsonNode root = JsonFiles.read(file);
        Fields top = new Fields(file, "top level", root);
        JsonNode imagesNode = top.get("images");
        if (imagesNode == null || !imagesNode.isArray()) {
            throw top.problem("missing array 'images' (is this a COCO instances file?)");
        }
        List<ImageInfo> images = new ArrayList<>();
        Set<Long> imageIds = new HashSet<>();
        for (int n = 0; n < imagesNode.size(); n++) {
            Fields f = new Fields(file, "images[" + n + "]", imagesNode.get(n));
            long id = f.requireLong("id");
            if (!imageIds.add(id)) {
                throw f.problem("duplicate image id " + id);
            }
            images.add(new ImageInfo(Long.toString(id), f.optText("file_name", ""),
                    f.optInt("width", 0), f.optInt("height", 0)));
        }
        images.sort(Comparator.comparingLong(i -> Long.parseLong(i.id())));

        List<Category> categories = new ArrayList<>();
        Set<Integer> catIds = new HashSet<>();
        JsonNode catsNode = top.get("categories");
        if (catsNode != null && !catsNode.isNull()) {
            if (!catsNode.isArray()) {
                throw top.problem("'categories' must be an array");
            }
            for (int n = 0; n < catsNode.size(); n++) {
                Fields f = new Fields(file, "categories[" + n + "]", catsNode.get(n));
                int id = f.requireInt("id");
                if (!catIds.add(id)) {
                    throw f.problem("duplicate category id " + id);
                }
                categories.add(new Category(id, f.optText("name", Integer.toString(id))));
            }
        }

        List<GroundTruth> anns = new ArrayList<>();
        JsonNode annsNode = top.get("annotations");
        if (annsNode != null && !annsNode.isNull()) {
            if (!annsNode.isArray()) {
                throw top.problem("'annotations' must be an array");
            }
            Set<Long> annIds = new HashSet<>();
            for (int n = 0; n < annsNode.size(); n++) {
                JsonNode a = annsNode.get(n);
                String where = "annotations[" + n + "]" + (a != null && a.has("id") ? " (id " + a.get("id") + ")" : "");
                Fields f = new Fields(file, where, a);
                long id = f.requireLong("id");
                if (!annIds.add(id)) {
                    throw f.problem("duplicate annotation id " + id);
                }
                long imageId = f.requireLong("image_id");
                if (!imageIds.contains(imageId)) {
                    throw f.problem("image_id " + imageId + " is not in 'images'");
                }
                int cat = f.requireInt("category_id");
                if (!catIds.contains(cat)) {
                    throw f.problem("category_id " + cat + " is not in 'categories'");
                }
                double[] b = f.requireXywh("bbox");
                double area = f.requireFinite("area");
                if (area < 0) {
                    throw f.problem("negative area " + area);
                }
                boolean crowd = f.optInt("iscrowd", 0) != 0;
                anns.add(new GroundTruth(id, Long.toString(imageId), cat, Box.fromXywh(b[0], b[1], b[2], b[3]),
                        area, crowd, false));
            }
        }
        return new Dataset(images, categories, anns, true, imageRoot);
    }

    /**
     * Reads a COCO results file (a JSON list of {@code {image_id, category_id, bbox, score}}) and
     * checks it against {@code gt}: unknown images or categories, non-finite scores and negative
     * boxes raise {@link InputException}. An empty list is valid.
     */
    public static List<Detection> readResults(Path file, Dataset gt) {
        JsonNode root = JsonFiles.read(file);
        if (!root.isArray()) {
            throw new InputException(file, "a results file must be a JSON list of detections, got "
                    + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        List<Detection> out = new ArrayList<>(root.size());
        for (int n = 0; n < root.size(); n++) {
            Fields f = new Fields(file, "detection [" + n + "]", root.get(n));
            String imageId = imageIdOf(f, gt);
            if (gt.imageIndex(imageId) < 0) {
                throw f.problem("image_id " + f.get("image_id") + " is not an image of the ground truth");
            }
            int cat = f.requireInt("category_id");
            if (gt.categoryIndex(cat) < 0) {
                throw f.problem("category_id " + cat + " is not a category of the ground truth");
            }
            double[] b = f.requireXywh("bbox");
            double score = f.requireFinite("score");
            out.add(new Detection(imageId, cat, Box.fromXywh(b[0], b[1], b[2], b[3]), score));
        }
        return out;
    }

    private static String imageIdOf(Fields f, Dataset gt) {
        if (gt.numericImageIds()) {
            return Long.toString(f.requireLong("image_id"));
        }
        JsonNode v = f.get("image_id");
        if (v != null && v.isNumber()) {
            throw f.problem("image_id must be a string such as \"2007_000027\" for this dataset, got " + v);
        }
        return f.requireText("image_id");
    }

    /** Writes a results file; image ids as numbers when {@code numericImageIds}, else as strings. */
    public static void writeResults(Path file, List<Detection> detections, boolean numericImageIds)
            throws IOException {
        InputFiles.writeAtomically(file, out -> {
            try (JsonGenerator g = JsonFiles.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartArray();
                for (Detection d : detections) {
                    g.writeStartObject();
                    writeImageId(g, d.imageId(), numericImageIds);
                    g.writeNumberField("category_id", d.categoryId());
                    writeXywh(g, d.box());
                    g.writeNumberField("score", d.score());
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
                g.writeEndArray();
            }
        });
    }

    private static void writeImageId(JsonGenerator g, String id, boolean numeric) throws IOException {
        if (numeric) {
            g.writeNumberField("image_id", Long.parseLong(id));
        } else {
            g.writeStringField("image_id", id);
        }
    }

    private static void writeXywh(JsonGenerator g, Box b) throws IOException {
        g.writeArrayFieldStart("bbox");
        for (double v : b.toXywh()) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }
}
