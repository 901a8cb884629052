package io.sedet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedet.anchor.AnchorGenerator;
import io.sedet.config.PostprocessConfig;
import io.sedet.io.InputFiles;
import io.sedet.kernels.box.BoxCoder;
import io.sedet.kernels.image.ImageOps;
import io.sedet.model.InferenceGraph;
import io.sedet.predict.DetectorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sedet export --model M --out model.fb}: the inference graph for plain DL4J code. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model's inference graph as a SameDiff FlatBuffers file (SameDiff.fromFlatFile loads it",
            "in DL4J code) and OUT.json, its contract: input name, shape and normalisation, outputs, anchors,",
            "box decoding, class names and the post-processing sedet applies."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model.sedet or a checkpoint.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The FlatBuffers file (e.g. model.fb).")
    Path out;

    @Override
    public Integer call() throws Exception {
        DetectorModel m = DetectorModel.load(model);
        int h = m.config().input().height();
        int w = m.config().input().width();
        float[] anchors = new AnchorGenerator(m.spec().anchors()).all(h, w);
        new InferenceGraph(m.spec(), m.params(), h, w).export(out, anchors);
        Path contract = out.resolveSibling(out.getFileName() + ".json");
        byte[] json = contract(m, h, w, anchors.length / 4);
        InputFiles.writeAtomically(contract, o -> o.write(json));
        spec.commandLine().getOut().println("wrote " + out + " and " + contract);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static byte[] contract(DetectorModel m, int h, int w, int numAnchors) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "SameDiff FlatBuffers (SameDiff.fromFlatFile), DL4J 1.0.0-M2.1");
        ObjectNode in = root.putObject("input");
        in.put("name", InferenceGraph.IMAGES);
        in.putArray("shape").add("B").add(3).add(h).add(w);
        in.put("layout", "NCHW, RGB, float32");
        in.put("pixels", "value/255, then (x - mean[c]) / std[c]; the image resized (antialiased bilinear) by "
                + "s = min(" + Math.min(h, w) + "/min(width, height), " + w + "/width, " + h + "/height) and placed at "
                + "the top-left corner; the rest of the canvas 0; boxes in image pixels = canvas pixels / s");
        putFloats(in.putArray("mean"), ImageOps.MEAN);
        putFloats(in.putArray("std"), ImageOps.STD);
        ObjectNode outs = root.putObject("outputs");
        ObjectNode sc = outs.putObject(InferenceGraph.SCORES);
        sc.putArray("shape").add("B").add(numAnchors).add(m.classNames().size());
        sc.put("meaning", "class probabilities (sigmoid), one per anchor and class");
        ObjectNode de = outs.putObject(InferenceGraph.DELTAS);
        de.putArray("shape").add("B").add(numAnchors).add(4);
        de.put("meaning", "box deltas (dx, dy, dw, dh) of each anchor");
        ObjectNode an = root.putObject("anchors");
        an.put("name", InferenceGraph.ANCHORS);
        an.putArray("shape").add(numAnchors).add(4);
        an.put("meaning", "constant: xyxy anchors in canvas pixels, order level (P" + m.spec().anchors().minLevel()
                + "..P" + m.spec().anchors().maxLevel() + ") -> y -> x -> anchor");
        ObjectNode dec = root.putObject("decode");
        dec.put("formula", "cx = ax + dx*aw, cy = ay + dy*ah, w = aw*exp(min(dw, c)), h = ah*exp(min(dh, c)); "
                + "(ax, ay, aw, ah) the anchor's centre and size, c = log(1000/16)");
        dec.put("clamp", BoxCoder.SCALE_CLAMP);
        ObjectNode post = root.putObject("postprocess");
        PostprocessConfig p = PostprocessConfig.retinaNet();
        post.put("what sedet does", "per level: scores >= " + p.scoreThreshold() + ", the top " + p.topKPerLevel()
                + "; decode, clip to the image; NMS per class at IoU " + p.nmsThreshold() + "; the top " + p.detectionsPerImage()
                + "; divide by the image's scale");
        ArrayNode names = root.putArray("classes");
        m.classNames().forEach(names::add);
        return json.writeValueAsBytes(root);
    }

    private static void putFloats(ArrayNode a, float[] v) {
        for (float f : v) {
            a.add(f);
        }
    }
}
