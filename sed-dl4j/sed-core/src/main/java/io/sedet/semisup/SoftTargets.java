package io.sedet.semisup;

import io.sedet.anchor.AnchorSpec;
import io.sedet.model.DetectorSpec;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.model.InferenceGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SED's targets: the teacher's class probabilities q and deltas D_t for every anchor, passed to
 * the student's graph as ND4J arrays (no threshold, no NMS, no copy to the host), and — when the
 * config sums over the foreground selection F ({@link AnchorSet#FOREGROUND}) — F's mask for each
 * paired range. Diagnostics: {@code teacher_fg} = Σ_Ω max_c q per image, the soft count of
 * foreground anchors (the SED-SPEC normaliser per image), and with a selection
 * {@code teacher_fg_top} = Σ_F max_c q per image (the foreground-mass normaliser per image).
 */
public final class SoftTargets implements TeacherTargets {
    private final ForegroundSelection selection;
    /** Mask placeholder → the teacher-side range it selects in. */
    private final Map<String, LevelPairing> ranges;

    /** Targets without a foreground selection. */
    public SoftTargets() {
        this(null, Map.of());
    }

    private SoftTargets(ForegroundSelection selection, Map<String, LevelPairing> ranges) {
        this.selection = selection;
        this.ranges = ranges;
    }

    /** The targets {@code semi}'s student objective needs, for an H×W canvas. */
    public static SoftTargets of(SemiSupervisedConfig semi, DetectorSpec spec, int height, int width) {
        AnchorSpec anchors = spec.anchors();
        if (!semi.selectsForeground()) {
            return new SoftTargets();
        }
        Map<String, LevelPairing> ranges = new LinkedHashMap<>();
        if (semi.sameScalePairs()) {
            ranges.put(StudentObjective.FOREGROUND_SAME, LevelPairing.sameScale(anchors, height, width));
        }
        if (StudentObjective.usesHalfView(semi)) {
            ranges.put(StudentObjective.FOREGROUND_SCALE, LevelPairing.scaleEquivalent(anchors, height, width, spec.p2()));
        }
        return new SoftTargets(new ForegroundSelection(semi.foregroundFraction()), ranges);
    }

    @Override
    public void fill(Teacher teacher, SemiBatch in, Map<String, INDArray> inputs, Map<String, Double> stats) {
        UnlabeledBatch u = in.unlabeled();
        InferenceGraph.Dense d = teacher.dense(u);
        inputs.put(StudentObjective.TEACHER_SCORES, d.scores());
        inputs.put(StudentObjective.TEACHER_DELTAS, d.deltas());
        INDArray w = d.scores().max(2);                                                  // [U, N] max_c q
        stats.put("teacher_fg", w.sumNumber().doubleValue() / u.size());
        ranges.forEach((name, range) -> {
            INDArray mask = selection.mask(w, range.teacherStart(), range.count());
            inputs.put(name, mask);
            if (name.equals(StudentObjective.FOREGROUND_SAME)) {                        // the range is all of [0, N)
                INDArray selected = w.mul(mask);
                stats.put("teacher_fg_top", selected.sumNumber().doubleValue() / u.size());
                selected.close();
            }
        });
        w.close();
    }
}
