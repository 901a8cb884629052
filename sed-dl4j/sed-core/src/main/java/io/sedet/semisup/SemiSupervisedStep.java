package io.sedet.semisup;

import io.sedet.data.SupervisedBatches;
import io.sedet.loss.SupervisedLoss;
import io.sedet.loss.SupervisedObjective;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.model.TrainingGraph;
import io.sedet.train.StepOutput;
import io.sedet.train.SupervisedStep;
import io.sedet.train.TrainState;
import io.sedet.train.TrainStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The teacher–student step of mean teacher and SED. Iterations {@code t < burnIn} are supervised
 * steps on the labeled batch alone — the same graph and batches as the supervised baseline, so a
 * burn-in is shared exactly — while the teacher, {@code ModelEma} with
 * {@code ModelEma.Decay#teacher}, copies the student. From {@code burnIn} on: the teacher runs on
 * u_w (no gradient), {@link TeacherTargets} turn its outputs into targets, and the student graph
 * ({@link StudentObjective}) takes the labeled batch, u_s and u_s↓ for one forward, one backward
 * and — in the loop — one optimizer update. Graphs are built when first needed.
 */
public final class SemiSupervisedStep implements TrainStep<SemiBatch> {
    private final DetectorSpec spec;
    private final DetectorParams student;
    private final long seed;
    private final SupervisedBatches labeled;
    private final UnlabeledViews unlabeled;
    private final StudentObjective objective;
    private final SupervisedLoss.Config supervisedLoss;
    private final TeacherTargets targets;
    private final long burnIn;
    private TrainingGraph burnInGraph;
    private TrainingGraph studentGraph;
    private Teacher teacher;

    public SemiSupervisedStep(DetectorSpec spec, DetectorParams student, long seed, SupervisedBatches labeled,
                              UnlabeledViews unlabeled, StudentObjective objective, SupervisedLoss.Config supervisedLoss,
                              TeacherTargets targets, long burnIn) {
        this.spec = spec;
        this.student = student;
        this.seed = seed;
        this.labeled = labeled;
        this.unlabeled = unlabeled;
        this.objective = objective;
        this.supervisedLoss = supervisedLoss;
        this.targets = targets;
        this.burnIn = burnIn;
    }

    @Override
    public SemiBatch prepare(long iteration) {
        return new SemiBatch(labeled.make(iteration), iteration < burnIn ? null : unlabeled.make(iteration));
    }

    @Override
    public StepOutput run(SemiBatch in, TrainState state) {
        int h = in.labeled().height();
        int w = in.labeled().width();
        if (in.unlabeled() == null) {
            if (burnInGraph == null) {
                burnInGraph = new TrainingGraph(spec, student, seed, new SupervisedObjective(h, w, supervisedLoss));
            }
            return SupervisedStep.run(burnInGraph, in.labeled());
        }
        if (studentGraph == null) {
            if (burnInGraph != null) {          // burn-in is over: its arrays are not needed again
                burnInGraph.pool().close();
                burnInGraph = null;
            }
            studentGraph = new TrainingGraph(spec, student, seed, objective);
            teacher = new Teacher(spec, state.ema().params(), h, w);
        }
        Map<String, Double> stats = new LinkedHashMap<>();
        Map<String, INDArray> inputs = studentInputs(in, objective, teacher, targets, stats);
        try {
            TrainingGraph.Result r = studentGraph.step(inputs);
            return new StepOutput(r.losses(), stats, r.gradients(), in.labeled().batchSize() + in.unlabeled().size(), r::close);
        } finally {
            inputs.values().forEach(INDArray::close);
        }
    }

    @Override
    public void releaseMemory() {
        for (TrainingGraph g : new TrainingGraph[] {burnInGraph, studentGraph}) {
            if (g != null) {
                g.pool().close();
            }
        }
        if (teacher != null) {
            teacher.releaseMemory();
        }
    }

    /**
     * What the student graph of {@code objective} is fed for one iteration after burn-in: the
     * labeled images and targets, u_s, u_s↓ (when the objective uses it) and the teacher's
     * targets on u_w. The caller closes the arrays.
     */
    public static Map<String, INDArray> studentInputs(SemiBatch in, StudentObjective objective, Teacher teacher,
                                                      TeacherTargets targets, Map<String, Double> stats) {
        UnlabeledBatch u = in.unlabeled();
        int h = u.height();
        int w = u.width();
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        inputs.put(StudentObjective.LABELED, Nd4j.create(in.labeled().images(),
                new long[] {in.labeled().batchSize(), 3, h, w}, 'c'));
        SupervisedLoss.feed(inputs, SupervisedLoss.SUP, in.labeled());
        inputs.put(StudentObjective.STRONG, Nd4j.create(u.strong(), new long[] {u.size(), 3, h, w}, 'c'));
        if (objective.usesHalfView()) {
            inputs.put(StudentObjective.HALF, Nd4j.create(u.half(), new long[] {u.size(), 3, h / 2, w / 2}, 'c'));
        }
        inputs.put(StudentObjective.LAMBDA_UNSUP, Nd4j.scalar((float) objective.lambdaUnsupAt(u.iteration())));
        targets.fill(teacher, in, inputs, stats);
        return inputs;
    }
}
