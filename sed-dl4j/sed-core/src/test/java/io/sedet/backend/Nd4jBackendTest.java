package io.sedet.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default (cpu) profile puts a working ND4J native backend with oneDNN on the class path. */
class Nd4jBackendTest {

    /** NativeOpsHolder reads the backend's properties, which only loading ND4J puts in place. */
    @org.junit.jupiter.api.BeforeAll
    static void loadBackend() {
        Nd4j.getBackend();
    }

    @Test
    void cpuBackendLoadsAndComputes() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertEquals(19f, c.getFloat(0, 0));
        assertEquals(50f, c.getFloat(1, 1));
        assertEquals("CPU", Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    @Test
    void nativeLibraryIsTheOneDnnBuild() {
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertTrue(info.contains("HAVE_ONEDNN"), info);
    }
}
