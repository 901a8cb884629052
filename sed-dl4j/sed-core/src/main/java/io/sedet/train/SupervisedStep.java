package io.sedet.train;

import io.sedet.data.SupervisedBatches;
import io.sedet.data.TrainBatch;
import io.sedet.loss.SupervisedObjective;
import io.sedet.model.TrainingGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** The supervised step: a labeled batch through the {@link SupervisedObjective}. */
public final class SupervisedStep implements TrainStep<TrainBatch> {
    private final SupervisedBatches batches;
    private final TrainingGraph graph;

    public SupervisedStep(SupervisedBatches batches, TrainingGraph graph) {
        this.batches = batches;
        this.graph = graph;
    }

    @Override
    public TrainBatch prepare(long iteration) {
        return batches.make(iteration);
    }

    @Override
    public StepOutput run(TrainBatch batch, TrainState state) {
        return run(graph, batch);
    }

    @Override
    public void releaseMemory() {
        graph.pool().close();
    }

    /** One supervised forward and backward of {@code graph} on {@code batch}. */
    public static StepOutput run(TrainingGraph graph, TrainBatch batch) {
        Map<String, INDArray> in = SupervisedObjective.inputs(batch);
        try {
            TrainingGraph.Result r = graph.step(in);
            return new StepOutput(r.losses(), Map.of(), r.gradients(), batch.batchSize(), r::close);
        } finally {
            in.values().forEach(INDArray::close);
        }
    }
}
