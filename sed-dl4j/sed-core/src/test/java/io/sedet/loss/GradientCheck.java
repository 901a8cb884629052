package io.sedet.loss;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Central-difference gradient checks of a SameDiff loss in double precision. */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * Compares the analytic gradient of scalar {@code loss} w.r.t. variable {@code var} with
     * {@code (L(x+h) − L(x−h)) / 2h} at {@code samples} random entries.
     */
    public static void check(SameDiff sd, String loss, String var, Map<String, INDArray> ph, int samples,
                             double h, double relTol, long seed) {
        check(sd, loss, var, ph, samples, h, relTol, 1e-9, seed);
    }

    /** As above with an absolute tolerance for entries whose gradient is near 0. */
    public static void check(SameDiff sd, String loss, String var, Map<String, INDArray> ph, int samples,
                             double h, double relTol, double absTol, long seed) {
        INDArray analytic = sd.calculateGradients(ph, var).get(var);
        INDArray x = sd.getVariable(var).getArr();
        Random r = new Random(seed);
        for (int s = 0; s < samples; s++) {
            long i = (long) (r.nextDouble() * x.length());
            double old = x.getDouble(i);
            x.putScalar(i, old + h);
            double up = sd.output(ph, loss).get(loss).getDouble(0);
            x.putScalar(i, old - h);
            double down = sd.output(ph, loss).get(loss).getDouble(0);
            x.putScalar(i, old);
            double numeric = (up - down) / (2 * h);
            double a = analytic.getDouble(i);
            double scale = Math.max(1e-6, Math.max(Math.abs(a), Math.abs(numeric)));
            assertEquals(numeric, a, relTol * scale + absTol, var + "[" + i + "]: analytic " + a + ", numeric " + numeric);
        }
    }
}
