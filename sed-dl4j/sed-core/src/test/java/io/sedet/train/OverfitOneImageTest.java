package io.sedet.train;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.config.OptimizerConfig;
import io.sedet.config.PostprocessConfig;
import io.sedet.data.AugmentConfig;
import io.sedet.data.DetectionSource;
import io.sedet.data.Sample;
import io.sedet.data.ShapesDataset;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.eval.box.Box;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.BackboneSpec;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.TrainingGraph;
import io.sedet.predict.PredictedBox;
import io.sedet.predict.Predictor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small detector trained on one image detects that image's objects: the whole loop learns. */
class OverfitOneImageTest {

    @Test
    void detectsTheObjectsOfTheImageItWasTrainedOn() {
        ShapesDataset shapes = new ShapesDataset(3, ShapesDataset.Split.TRAIN, 50, 128);
        int index = 0;
        while (shapes.get(index).numObjects() < 2) {
            index++;
        }
        Sample sample = shapes.get(index);
        DetectionSource one = new DetectionSource() {
            public List<String> classNames() {
                return ShapesDataset.CLASSES;
            }

            public int size() {
                return 1;
            }

            public String id(int i) {
                return sample.id();
            }

            public Sample get(int i) {
                return sample;
            }
        };
        DetectorSpec spec = DetectorSpec.retinaNet(new BackboneSpec(18, 0.25), 32, 1, 5);
        DetectorParams params = new DetectorParams();
        TrainingGraph graph = new TrainingGraph(spec, params, 4,
                new io.sedet.loss.SupervisedObjective(128, 128, SupervisedLoss.Config.retinaNet()));
        TargetEncoder enc = new TargetEncoder(new AnchorGenerator(spec.anchors()).all(128, 128), 5,
                Compute.reference().boxes());
        SupervisedBatches batches = new SupervisedBatches(one, enc, Compute.reference().images(), 2, 128, 128, AugmentConfig.none(), 1);
        Optimizer opt = new Optimizer(OptimizerConfig.adamw(3e-3));
        for (int it = 0; it < 150; it++) {
            try (StepOutput out = SupervisedStep.run(graph, batches.make(it))) {
                opt.step(params.trainable(), out.gradients(), 3e-3);
            }
        }
        Predictor predictor = new Predictor(spec, params, 128, 128, PostprocessConfig.retinaNet(), 1, Compute.reference());
        List<PredictedBox> dets = predictor.predict(List.of(sample.image())).get(0);
        float[] b = sample.boxes();
        for (int k = 0; k < sample.numObjects(); k++) {
            Box gt = new Box(b[4 * k], b[4 * k + 1], b[4 * k + 2], b[4 * k + 3]);
            int label = sample.labels()[k];
            boolean found = dets.stream().anyMatch(d -> d.label() == label && d.score() > 0.3 && d.box().iou(gt) > 0.5);
            assertTrue(found, "object " + k + " (" + ShapesDataset.CLASSES.get(label) + " " + gt + ") not detected in "
                    + dets.subList(0, Math.min(5, dets.size())));
        }
    }
}
