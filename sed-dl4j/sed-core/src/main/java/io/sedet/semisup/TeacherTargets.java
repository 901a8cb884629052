package io.sedet.semisup;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What the teacher's predictions on u_w become in the student's graph: SED's soft dense targets
 * ({@link SoftTargets}) or mean teacher's hard pseudo-labels ({@link PseudoLabeler}).
 */
public interface TeacherTargets {
    /**
     * Puts the targets of the unlabeled batch {@code in.unlabeled()} into the student's inputs and
     * diagnostics into {@code stats}; every array put is closed by the caller after the step.
     */
    void fill(Teacher teacher, SemiBatch in, Map<String, INDArray> inputs, Map<String, Double> stats);
}
