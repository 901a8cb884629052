package io.sedet.kernels.exec;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import io.sedet.kernels.Runtimes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens when OpenCL cannot run a kernel: strict runtimes throw, fallback runtimes move to Java threads. */
class KernelRuntimeTest {
    /** Squares; runs anywhere. */
    static final class Square extends Kernel {
        float[] in = new float[1];
        float[] out = new float[1];
        int n;

        @Override
        public void run() {
            int i = getGlobalId();
            if (i < n) {
                out[i] = in[i] * in[i];
            }
        }
    }

    /** Calls a JDK method Aparapi cannot translate to OpenCL: fine on Java threads, fails on OpenCL. */
    static final class Untranslatable extends Kernel {
        float[] out = new float[1];
        int n;

        @Override
        public void run() {
            int i = getGlobalId();
            if (i < n) {
                out[i] = Integer.toString(i).length();
            }
        }
    }

    private static OpenCLDevice device() {
        Runtimes.get("opencl"); // fails or skips the test when there is no device, as the agreement tests do
        return OpenClDevices.pick(System.getProperty("sedet.opencl.device", "")).orElseThrow();
    }

    @Test
    void kernelsRunOnOpenClAndJavaThreads() {
        for (KernelRuntime rt : List.of(KernelRuntime.javaThreads(), KernelRuntime.strict(device()))) {
            Square k = new Square();
            k.in = new float[] {1, 2, 3, -4, 5};
            k.out = new float[5];
            k.n = 5;
            rt.run(k, 5);
            assertArrayEquals(new float[] {1, 4, 9, 16, 25}, k.out, rt.describe());
            k.dispose();
        }
        assertTrue(KernelRuntime.strict(device()).describe().startsWith("Aparapi on OpenCL: "));
        KernelRuntime probed = KernelRuntime.strict(device());
        probed.probe();
        assertEquals(KernelMode.OPENCL, probed.mode());
        KernelRuntime.javaThreads().probe();
        KernelRuntime.reference().probe();
    }

    @Test
    void strictRuntimeReportsAnOpenClFailure() {
        Untranslatable k = new Untranslatable();
        k.out = new float[3];
        k.n = 3;
        KernelRuntime strict = KernelRuntime.strict(device());
        KernelFailedException e = assertThrows(KernelFailedException.class, () -> strict.run(k, 3));
        assertTrue(e.getMessage().startsWith("Untranslatable on "), e.getMessage());
        k.dispose();
    }

    @Test
    void fallbackRuntimeFinishesTheWorkOnJavaThreadsAndSaysSoOnce() {
        List<String> reports = new ArrayList<>();
        KernelRuntime rt = KernelRuntime.withFallback(device(), reports::add);
        Untranslatable k = new Untranslatable();
        k.out = new float[12];
        k.n = 12;
        rt.run(k, 12);
        assertEquals(1f, k.out[3]);
        assertEquals(2f, k.out[11]);
        assertEquals(KernelMode.JAVA_THREADS, rt.mode());
        assertTrue(rt.describe().contains("after OpenCL failed"), rt.describe());
        Square s = new Square(); // later kernels stay on Java threads; still one report
        s.in = new float[] {3};
        s.out = new float[1];
        s.n = 1;
        rt.run(s, 1);
        assertEquals(9f, s.out[0]);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).contains("continuing on Java threads"), reports.get(0));
        k.dispose();
        s.dispose();
    }
}
