package io.sedet.loss;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.data.TrainBatch;
import io.sedet.model.DenseOutputs;
import io.sedet.model.RetinaNet;
import io.sedet.model.TrainingGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervised RetinaNet objective on an H×W canvas: images {@value #IMAGES} {@code [B, 3, H, W]}
 * → one pass → {@link SupervisedLoss} with the {@link SupervisedLoss#SUP} placeholders, logged as
 * {@value #LOSS_CLS} and {@value #LOSS_BOX}.
 */
public final class SupervisedObjective implements TrainingGraph.Objective {
    public static final String IMAGES = "images";
    public static final String LOSS_CLS = "loss_cls";
    public static final String LOSS_BOX = "loss_box";

    private final int height;
    private final int width;
    private final SupervisedLoss.Config loss;

    public SupervisedObjective(int height, int width, SupervisedLoss.Config loss) {
        this.height = height;
        this.width = width;
        this.loss = loss;
    }

    @Override
    public Map<String, SDVariable> build(SameDiff sd, RetinaNet net) {
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, 3, height, width);
        List<RetinaNet.LevelOutput> levels = net.forward(images, height, width);
        int a = net.spec().anchors().anchorsPerLocation();
        int c = net.spec().numClasses();
        float[] anchors = new AnchorGenerator(net.spec().anchors()).all(height, width);
        SupervisedLoss.Terms t = SupervisedLoss.build(sd, DenseOutputs.cls(sd, levels, c, a),
                DenseOutputs.box(sd, levels, a), anchors, anchors.length / 4, c, loss, DataType.FLOAT);
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put(LOSS_CLS, t.cls());
        terms.put(LOSS_BOX, t.box());
        return terms;
    }

    /** The placeholder values of a batch (images and targets). */
    public static Map<String, INDArray> inputs(TrainBatch b) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        in.put(IMAGES, Nd4j.create(b.images(), new long[] {b.batchSize(), 3, b.height(), b.width()}, 'c'));
        SupervisedLoss.feed(in, SupervisedLoss.SUP, b);
        return in;
    }
}
