package io.sedet.semisup;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;
import io.sedet.config.Method;
import io.sedet.config.SemiSupervisedConfig;
import io.sedet.config.StudentBatchNorm;
import io.sedet.loss.SupervisedLoss;
import io.sedet.model.DenseOutputs;
import io.sedet.model.RetinaNet;
import io.sedet.model.TrainingGraph;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The student's objective after burn-in: one optimizer update on
 * <pre>
 *   SED:          L = L_sup + λ_u·(L_cls^same + L_reg^same + λ_sc·(L_cls^scale + L_reg^scale))
 *   mean teacher: L = L_sup + λ_u·L_sup(u_s; hard pseudo-labels)
 * </pre>
 * Passes (weights shared): one on {@code concat(labeled, u_s)} {@code [L+U, 3, H, W]} — the first
 * pass, whose batch statistics feed BatchNorm's running statistics — or, with
 * {@link StudentBatchNorm#SEPARATE}, one on the labeled batch (the first, feeding the running
 * statistics) and one on u_s; and, for the scale pairs, one on u_s↓ {@code [U, 3, H/2, W/2]} up to P6. The labeled slice [0, L) gets the supervised loss
 * ({@link SupervisedLoss#SUP} placeholders), the unlabeled slice [L, L+U) the distillation
 * against the teacher's outputs (placeholders {@value #TEACHER_SCORES} {@code [U, N, C]},
 * {@value #TEACHER_DELTAS} {@code [U, N, 4]}) or the pseudo-label loss
 * ({@link SupervisedLoss#PSEUDO} placeholders). Terms are logged with their weights applied:
 * {@code loss_cls, loss_box} (supervised), {@code same_cls, same_box, scale_cls, scale_box} (SED),
 * {@code pseudo_cls, pseudo_box} (mean teacher). A switched-off component adds no term and no
 * pass.
 */
public final class StudentObjective implements TrainingGraph.Objective {
    public static final String LABELED = "labeled";
    public static final String STRONG = "strong";
    public static final String HALF = "half";
    public static final String TEACHER_SCORES = "teacher.scores";
    public static final String TEACHER_DELTAS = "teacher.deltas";
    public static final String LAMBDA_UNSUP = "lambda.unsup";
    public static final String FOREGROUND_SAME = "teacher.foreground.same";
    public static final String FOREGROUND_SCALE = "teacher.foreground.scale";

    private final SemiSupervisedConfig semi;
    private final SupervisedLoss.Config supervised;
    private final int height;
    private final int width;
    private final int labeled;
    private final int unlabeled;

    /**
     * @param labeled   L, labeled images per step
     * @param unlabeled U, unlabeled images per step
     */
    public StudentObjective(SemiSupervisedConfig semi, SupervisedLoss.Config supervised, int height, int width,
                            int labeled, int unlabeled) {
        if (!semi.method().usesTeacher()) {
            throw new IllegalArgumentException("the student objective is for mean-teacher and sed, not " + semi.method().label());
        }
        this.semi = semi;
        this.supervised = supervised;
        this.height = height;
        this.width = width;
        this.labeled = labeled;
        this.unlabeled = unlabeled;
    }

    /** Whether the graph has the u_s↓ pass (SED with scale pairs). */
    public boolean usesHalfView() {
        return usesHalfView(semi);
    }

    /** Whether {@code semi}'s student graph has the u_s↓ pass (SED with scale pairs). */
    public static boolean usesHalfView(SemiSupervisedConfig semi) {
        return semi.method() == Method.SED && semi.scalePairs() && semi.lambdaScale() > 0;
    }

    /** The value of the {@value #LAMBDA_UNSUP} placeholder at iteration t. */
    public double lambdaUnsupAt(long t) {
        return semi.lambdaUnsupAt(t);
    }

    @Override
    public Map<String, SDVariable> build(SameDiff sd, RetinaNet net) {
        AnchorSpec spec = net.spec().anchors();
        int a = spec.anchorsPerLocation();
        int c = net.spec().numClasses();
        float[] anchors = new AnchorGenerator(spec).all(height, width);
        int n = anchors.length / 4;
        SDVariable xl = sd.placeHolder(LABELED, DataType.FLOAT, labeled, 3, height, width);
        SDVariable xs = sd.placeHolder(STRONG, DataType.FLOAT, unlabeled, 3, height, width);
        SDVariable zL;
        SDVariable dL;
        SDVariable zU;
        SDVariable dU;
        if (semi.batchNorm() == StudentBatchNorm.JOINT) {
            List<RetinaNet.LevelOutput> levels = net.forward(sd.concat(0, xl, xs), height, width); // [L+U, 3, H, W]
            SDVariable cls = DenseOutputs.cls(sd, levels, c, a);                          // [L+U, N, C]
            SDVariable box = DenseOutputs.box(sd, levels, a);                             // [L+U, N, 4]
            SDIndex lab = SDIndex.interval(0, labeled);
            SDIndex unl = SDIndex.interval(labeled, labeled + unlabeled);
            zL = rows(cls, lab);                                                                   // [L, N, C]
            dL = rows(box, lab);                                                                   // [L, N, 4]
            zU = rows(cls, unl);                                                                   // [U, N, C]
            dU = rows(box, unl);                                                                   // [U, N, 4]
        } else {                      // the labeled pass first: its batch statistics feed the running ones
            List<RetinaNet.LevelOutput> lab = net.forward(xl, height, width);
            List<RetinaNet.LevelOutput> unl = net.forward(xs, height, width);
            zL = DenseOutputs.cls(sd, lab, c, a);
            dL = DenseOutputs.box(sd, lab, a);
            zU = DenseOutputs.cls(sd, unl, c, a);
            dU = DenseOutputs.box(sd, unl, a);
        }
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        SupervisedLoss.Terms sup = SupervisedLoss.build(sd, SupervisedLoss.SUP, zL, dL, anchors, n, c, supervised,
                DataType.FLOAT);
        terms.put("loss_cls", sup.cls());
        terms.put("loss_box", sup.box());
        SDVariable lu = sd.placeHolder(LAMBDA_UNSUP, DataType.FLOAT);                          // scalar λ_u(t)
        if (semi.method() == Method.MEAN_TEACHER) {
            SupervisedLoss.Terms pseudo = SupervisedLoss.build(sd, SupervisedLoss.PSEUDO, zU, dU, anchors, n, c,
                    supervised, DataType.FLOAT);
            terms.put("pseudo_cls", pseudo.cls().mul(lu));
            terms.put("pseudo_box", pseudo.box().mul(lu));
            return terms;
        }
        SDVariable q = sd.placeHolder(TEACHER_SCORES, DataType.FLOAT, unlabeled, n, c);
        SDVariable d = sd.placeHolder(TEACHER_DELTAS, DataType.FLOAT, unlabeled, n, 4);
        DistillationLoss.Config dc = DistillationLoss.Config.of(semi);
        boolean fg = dc.selectsForeground();
        if (semi.sameScalePairs()) {
            SDVariable mask = fg ? sd.placeHolder(FOREGROUND_SAME, DataType.FLOAT, unlabeled, n) : null;
            DistillationLoss.Terms same = DistillationLoss.build(sd, zU, q, dU, d, mask, dc);
            terms.put("same_cls", same.cls().mul(lu));
            terms.put("same_box", same.box().mul(lu));
        }
        if (usesHalfView()) {
            int hh = height / 2;
            int hw = width / 2;
            SDVariable half = sd.placeHolder(HALF, DataType.FLOAT, unlabeled, 3, hh, hw);
            boolean p2 = net.spec().p2();
            List<RetinaNet.LevelOutput> small = net.forward(half, hh, hw, LevelPairing.halfMinLevel(spec, p2),
                    LevelPairing.halfMaxLevel(spec));
            LevelPairing pair = LevelPairing.scaleEquivalent(spec, height, width, p2);
            SDIndex teacherRange = SDIndex.interval(pair.teacherStart(), pair.teacherStart() + pair.count());
            SDVariable zH = DenseOutputs.cls(sd, small, c, a);                          // [U, |Ω|, C]
            SDVariable dH = DenseOutputs.box(sd, small, a);                             // [U, |Ω|, 4]
            SDVariable mask = fg ? sd.placeHolder(FOREGROUND_SCALE, DataType.FLOAT, unlabeled, pair.count()) : null;
            DistillationLoss.Terms scale = DistillationLoss.build(sd, zH, anchorsOf(q, teacherRange), dH,
                    anchorsOf(d, teacherRange), mask, dc);
            SDVariable w = lu.mul(semi.lambdaScale());
            terms.put("scale_cls", scale.cls().mul(w));
            terms.put("scale_box", scale.box().mul(w));
        }
        return terms;
    }

    /** Rows of the batch dimension: {@code [B, N, K] → [b, N, K]}. */
    private static SDVariable rows(SDVariable v, SDIndex batch) {
        return v.get(batch, SDIndex.all(), SDIndex.all());
    }

    /** A range of anchors: {@code [U, N, K] → [U, M, K]}. */
    private static SDVariable anchorsOf(SDVariable v, SDIndex range) {
        return v.get(SDIndex.all(), range, SDIndex.all());
    }
}
