package io.sedet.semisup;

import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.InferenceGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teacher θ_t: its own inference graph (BatchNorm with the teacher's running statistics, no
 * gradient) on the EMA's arrays — a separate SameDiff, so it can never share the student's
 * variables by name. Each call first copies the EMA's current values in.
 */
public final class Teacher {
    private final InferenceGraph graph;

    /** @param params the teacher's parameters (the {@code ModelEma}'s, updated in place) */
    public Teacher(DetectorSpec spec, DetectorParams params, int height, int width) {
        this.graph = new InferenceGraph(spec, params, height, width);
    }

    /** q {@code [U, N, C]} and D_t {@code [U, N, 4]} on u_w, as ND4J arrays (the caller closes them). */
    public InferenceGraph.Dense dense(UnlabeledBatch u) {
        graph.refresh();
        INDArray x = Nd4j.create(u.weak(), new long[] {u.size(), 3, u.height(), u.width()}, 'c');
        try {
            return graph.dense(x);
        } finally {
            x.close();
        }
    }

    /** Gives back the native arrays the teacher's graph keeps between calls (see {@link InferenceGraph#releaseMemory}). */
    public void releaseMemory() {
        graph.releaseMemory();
    }

    /** The same outputs on the host, for post-processing into boxes. */
    public InferenceGraph.Output host(UnlabeledBatch u) {
        graph.refresh();
        return graph.run(u.weak(), u.size());
    }
}
