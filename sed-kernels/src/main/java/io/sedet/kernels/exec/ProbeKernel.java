package io.sedet.kernels.exec;

import com.aparapi.Kernel;

/** {@code out[i] = 2·in[i] + 1}: run once at start-up to see that the device really executes kernels. */
final class ProbeKernel extends Kernel {
    float[] in = new float[1];
    float[] out = new float[1];
    int n;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            out[i] = 2f * in[i] + 1f;
        }
    }
}
