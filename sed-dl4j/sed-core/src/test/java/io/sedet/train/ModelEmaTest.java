package io.sedet.train;

import io.sedet.model.DetectorParams;
import io.sedet.model.ModelEma;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The EMA arithmetic of the model EMA and of the semi-supervised teacher, checked by hand. */
class ModelEmaTest {
    private static DetectorParams params(double w, double rm) {
        return DetectorParams.of(Map.of("w", Nd4j.valueArrayOf(new long[] {2}, w, DataType.DOUBLE)),
                Map.of("bn.running_mean", Nd4j.valueArrayOf(new long[] {2}, rm, DataType.DOUBLE)));
    }

    private static void set(DetectorParams p, double w, double rm) {
        p.get("w").assign(w);
        p.get("bn.running_mean").assign(rm);
    }

    /**
     * Burn-in of 3 steps, m = 0.9: after steps 0..2 the teacher equals the student exactly (so at
     * the end of burn-in θ_t = θ_s), after step 3 it is 0.9·θ_t + 0.1·θ_s, BN statistics included.
     */
    @Test
    void teacherCopiesDuringBurnInThenAverages() {
        DetectorParams student = params(1.0, 10.0);
        ModelEma teacher = new ModelEma(ModelEma.Decay.teacher(3, 0.9), student);
        double[] w = {2.0, -3.0, 5.0};
        for (int t = 0; t < 3; t++) {
            set(student, w[t], 10.0 * w[t]);
            teacher.update(student, t);
            assertEquals(w[t], teacher.params().get("w").getDouble(0), 0, "step " + t);
            assertEquals(10.0 * w[t], teacher.params().get("bn.running_mean").getDouble(1), 0, "step " + t);
        }
        set(student, 7.0, 70.0);
        teacher.update(student, 3);
        assertEquals(0.9 * 5.0 + 0.1 * 7.0, teacher.params().get("w").getDouble(0), 1e-12);
        assertEquals(0.9 * 50.0 + 0.1 * 70.0, teacher.params().get("bn.running_mean").getDouble(0), 1e-12);
        set(student, -1.0, 0.0);
        teacher.update(student, 4);
        assertEquals(0.9 * (0.9 * 5.0 + 0.1 * 7.0) + 0.1 * -1.0, teacher.params().get("w").getDouble(1), 1e-12);
        assertEquals(0.0, teacher.decayAt(2));
        assertEquals(0.9, teacher.decayAt(3));
        // the student is never written to
        assertEquals(-1.0, student.get("w").getDouble(0), 0);
    }

    /** Without burn-in (0), the teacher averages from the first step; momentum 0 makes it a copy. */
    @Test
    void edgeCases() {
        DetectorParams student = params(1.0, 0.0);
        ModelEma t = new ModelEma(ModelEma.Decay.teacher(0, 0.5), student);
        set(student, 3.0, 0.0);
        t.update(student, 0);
        assertEquals(2.0, t.params().get("w").getDouble(0), 1e-12);
        ModelEma copy = new ModelEma(ModelEma.Decay.teacher(0, 0.0), student);
        set(student, Double.NaN, 0.0);
        copy.update(student, 5);
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(copy.params().get("w").getDouble(0)));
        assertThrows(IllegalArgumentException.class, () -> ModelEma.Decay.teacher(10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ModelEma.Decay.teacher(-1, 0.9));
    }

    /** The model EMA's warm-up decay min(d, (1 + t)/(10 + t)). */
    @Test
    void warmupDecay() {
        ModelEma.Decay d = ModelEma.Decay.warmup(0.99);
        assertEquals(0.1, d.at(0), 1e-15);
        assertEquals(11.0 / 20, d.at(10), 1e-15);
        assertEquals(0.99, d.at(100_000), 0);
    }
}
