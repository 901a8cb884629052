package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * The inference graph of a detector on an H×W canvas (BatchNorm with running statistics):
 * images {@code [B, 3, H, W]} → class probabilities {@code [B, N, C]} and box deltas
 * {@code [B, N, 4]}, anchors in {@code AnchorGenerator.all} order. Parameters are read from
 * {@link DetectorParams} when the graph is built; {@link #refresh()} copies newer values in.
 */
public final class InferenceGraph {
    public static final String IMAGES = "images";
    public static final String SCORES = "scores";
    public static final String DELTAS = "deltas";

    /** Outputs of one batch. */
    public record Output(int batchSize, int numAnchors, int numClasses, float[] scores, float[] deltas) {
    }

    private final SameDiff sd;
    private final List<FoldedBatchNorm> folds;
    private final ArrayPool pool = new ArrayPool();
    private final DetectorParams params;
    private final DetectorSpec spec;
    private final int height;
    private final int width;

    public InferenceGraph(DetectorSpec spec, DetectorParams params, int height, int width) {
        this(spec, params, height, width, spec.anchors().maxLevel());
    }

    /**
     * The graph computed up to pyramid level {@code maxLevel} (below the spec's for the half view
     * of a scale pair, whose top level has no partner): outputs cover levels minLevel..maxLevel.
     */
    public InferenceGraph(DetectorSpec spec, DetectorParams params, int height, int width, int maxLevel) {
        this.sd = SameDiff.create();
        this.params = params;
        this.spec = spec;
        this.height = height;
        this.width = width;
        RetinaNet net = new RetinaNet(sd, spec, params, RetinaNet.Mode.INFER, DataType.FLOAT, 0);
        this.folds = net.folds();
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, 3, height, width);
        List<RetinaNet.LevelOutput> levels = net.forward(images, height, width, maxLevel);
        int a = spec.anchors().anchorsPerLocation();
        sd.nn().sigmoid(DenseOutputs.cls(sd, levels, spec.numClasses(), a)).rename(SCORES);
        DenseOutputs.box(sd, levels, a).rename(DELTAS);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public DetectorSpec spec() {
        return spec;
    }

    /**
     * Copies the current parameter and running-statistic values into the graph (those it uses
     * directly) and recomputes its folded BatchNorms.
     */
    public void refresh() {
        params.trainable().forEach(this::copyIn);
        params.running().forEach(this::copyIn);
        folds.forEach(f -> f.refresh(params));
    }

    private void copyIn(String name, INDArray value) {
        if (sd.hasVariable(name)) {
            sd.getVariable(name).getArr().assign(value);
        }
    }

    /** Scores and deltas of one batch, copied to the host (for post-processing). */
    public Output run(float[] images, int batchSize) {
        INDArray x = Nd4j.create(images, new long[] {batchSize, 3, height, width}, 'c');
        Dense d = dense(x);
        Output o = new Output(batchSize, (int) d.scores().size(1), (int) d.scores().size(2),
                d.scores().dup('c').data().asFloat(), d.deltas().dup('c').data().asFloat());
        x.close();
        d.close();
        return o;
    }

    /**
     * The dense outputs as ND4J arrays, for use as another graph's inputs without a copy to the
     * host (SED's teacher targets).
     *
     * @param scores class probabilities {@code [B, N, C]}
     * @param deltas box deltas {@code [B, N, 4]}
     */
    public record Dense(INDArray scores, INDArray deltas) implements AutoCloseable {
        @Override
        public void close() {
            scores.close();
            deltas.close();
        }
    }

    /** Name of the anchor constant {@link #export} adds. */
    public static final String ANCHORS = "anchors";

    /**
     * Writes the graph as a SameDiff FlatBuffers file that plain DL4J code loads with
     * {@code SameDiff.fromFlatFile}: placeholder {@value #IMAGES} {@code [B, 3, H, W]}, outputs
     * {@value #SCORES} and {@value #DELTAS}, and the constant {@value #ANCHORS} {@code [N, 4]}
     * (xyxy, canvas pixels) that decodes the deltas. Current parameter values, BatchNorm folded;
     * written atomically.
     */
    public void export(java.nio.file.Path file, float[] anchors) throws java.io.IOException {
        if (!sd.hasVariable(ANCHORS)) {
            sd.constant(ANCHORS, Nd4j.create(anchors, new long[] {anchors.length / 4, 4}, 'c'));
        }
        java.nio.ByteBuffer flat = sd.asFlatBuffers(false);
        byte[] bytes = new byte[flat.remaining()];
        flat.get(bytes);
        io.sedet.io.InputFiles.writeAtomically(file, out -> out.write(bytes));
    }

    /**
     * Gives back the native arrays kept for the next call (the next call allocates them again):
     * after an evaluation during training, so that training and evaluation do not both hold theirs.
     */
    public void releaseMemory() {
        pool.close();
    }

    /** Runs images {@code [B, 3, H, W]}; the caller owns (and closes) the result. */
    public Dense dense(INDArray images) {
        pool.attach(sd);
        Map<String, INDArray> out = sd.output(Map.of(IMAGES, images), SCORES, DELTAS);
        return new Dense(out.get(SCORES), out.get(DELTAS));
    }
}
