package io.sedet.model;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.data.TrainBatch;
import io.sedet.loss.SupervisedLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervised training graph of one detector on an H×W canvas: images → RetinaNet (batch
 * statistics) → focal + SmoothL1 loss. {@link #step} computes the loss terms, the gradients of
 * every trainable parameter, and updates the BatchNorm running statistics (momentum 0.1).
 */
public final class TrainingGraph {
    public static final String IMAGES = "images";
    public static final String LOSS = "loss";

    /** Loss terms and gradients of one batch; {@link #close()} frees the gradients' native memory. */
    public record StepOutput(double lossCls, double lossBox, Map<String, INDArray> gradients) implements AutoCloseable {
        public double loss() {
            return lossCls + lossBox;
        }

        @Override
        public void close() {
            gradients.values().forEach(INDArray::close);
        }
    }

    private static final double BN_MOMENTUM = 0.1;

    private final SameDiff sd;
    private final DetectorParams params;
    private final RetinaNet net;
    private final int height;
    private final int width;
    private final List<String> trainable;

    public TrainingGraph(DetectorSpec spec, DetectorParams params, int height, int width, SupervisedLoss.Config loss,
                         long seed) {
        this.sd = SameDiff.create();
        this.params = params;
        this.height = height;
        this.width = width;
        this.net = new RetinaNet(sd, spec, params, RetinaNet.Mode.TRAIN, DataType.FLOAT, seed);
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, 3, height, width);
        List<RetinaNet.LevelOutput> levels = net.forward(images, height, width);
        int a = spec.anchors().anchorsPerLocation();
        SDVariable cls = SupervisedLoss.flattenCls(sd, levels, spec.numClasses(), a);
        SDVariable box = SupervisedLoss.flattenBox(sd, levels, a);
        float[] anchors = new AnchorGenerator(spec.anchors()).all(height, width);
        SupervisedLoss.build(sd, cls, box, anchors, anchors.length / 4, spec.numClasses(), loss, DataType.FLOAT)
                .total().rename(LOSS);
        sd.setLossVariables(LOSS);
        this.trainable = new ArrayList<>(params.trainable().keySet());
        // SameDiff M2.1 prints one "Added differentiated op ..." line per op to System.out while
        // it builds the gradient function; build it here with that stream muted.
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    public DetectorParams params() {
        return params;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Forward and backward on one batch; updates BatchNorm running statistics. */
    public StepOutput step(TrainBatch b) {
        int n = b.clsWeight().length / b.batchSize();
        int c = b.clsTarget().length / b.clsWeight().length;
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(IMAGES, Nd4j.create(b.images(), new long[] {b.batchSize(), 3, height, width}, 'c'));
        ph.put(SupervisedLoss.CLS_TARGET, Nd4j.create(b.clsTarget(), new long[] {b.batchSize(), n, c}, 'c'));
        ph.put(SupervisedLoss.CLS_WEIGHT, Nd4j.create(b.clsWeight(), new long[] {b.batchSize(), n}, 'c'));
        ph.put(SupervisedLoss.BOX_TARGET, Nd4j.create(b.boxTarget(), new long[] {b.batchSize(), n, 4}, 'c'));
        ph.put(SupervisedLoss.BOX_WEIGHT, Nd4j.create(b.boxWeight(), new long[] {b.batchSize(), n}, 'c'));
        ph.put(SupervisedLoss.NORMALIZER, Nd4j.scalar(DataType.FLOAT, Math.max(1, b.numPositives())));
        List<String> outputs = new ArrayList<>(List.of(SupervisedLoss.LOSS_CLS, SupervisedLoss.LOSS_BOX));
        Map<String, RetinaNet.BatchStat> stats = net.batchStats();
        for (RetinaNet.BatchStat s : stats.values()) {
            outputs.add(s.mean().name());
            outputs.add(s.var().name());
        }
        OutAndGrad r = sd.calculateGradientsAndOutputs(ph, outputs, trainable);
        Map<String, INDArray> out = r.getOutputs();
        for (RetinaNet.BatchStat s : stats.values()) {
            INDArray mean = out.get(s.mean().name()).reshape(-1);
            INDArray var = out.get(s.var().name()).reshape(-1);
            params.get(s.runningMean()).muli(1 - BN_MOMENTUM).addi(mean.mul(BN_MOMENTUM));
            params.get(s.runningVar()).muli(1 - BN_MOMENTUM).addi(var.mul(BN_MOMENTUM));
        }
        Map<String, INDArray> grads = new LinkedHashMap<>(r.getGradients());
        // native memory is freed now rather than whenever the Java GC gets to these objects
        ph.values().forEach(INDArray::close);
        for (Map.Entry<String, INDArray> e : out.entrySet()) {
            if (!e.getKey().equals(SupervisedLoss.LOSS_CLS) && !e.getKey().equals(SupervisedLoss.LOSS_BOX)) {
                e.getValue().close();
            }
        }
        return new StepOutput(out.get(SupervisedLoss.LOSS_CLS).getDouble(0), out.get(SupervisedLoss.LOSS_BOX).getDouble(0),
                grads);
    }
}
