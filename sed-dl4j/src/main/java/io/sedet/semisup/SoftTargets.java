package io.sedet.semisup;

import io.sedet.model.InferenceGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * SED's targets: the teacher's class probabilities q and deltas D_t for every anchor, passed to
 * the student's graph as ND4J arrays (no threshold, no NMS, no copy to the host). Diagnostic:
 * {@code teacher_fg} = Σ_Ω max_c q per image, the soft count of foreground anchors.
 */
public final class SoftTargets implements TeacherTargets {
    @Override
    public void fill(Teacher teacher, UnlabeledBatch u, Map<String, INDArray> inputs, Map<String, Double> stats) {
        InferenceGraph.Dense d = teacher.dense(u);
        inputs.put(StudentObjective.TEACHER_SCORES, d.scores());
        inputs.put(StudentObjective.TEACHER_DELTAS, d.deltas());
        stats.put("teacher_fg", d.scores().max(2).sumNumber().doubleValue() / u.size());
    }
}
