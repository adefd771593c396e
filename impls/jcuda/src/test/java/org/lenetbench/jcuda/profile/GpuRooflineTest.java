package org.lenetbench.jcuda.profile;

import org.junit.jupiter.api.Test;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.HostGpu;
import org.lenetbench.jcuda.gpu.Kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roofline probe's kernels and bookkeeping, run on the CPU build of roofline.cu. */
class GpuRooflineTest {
    private static final GpuRoofline.Sizes SMALL = new GpuRoofline.Sizes(11, 7, 13, 17, 3);

    @Test
    void measuresTheRatesAndChecksTheFmaResults() {
        try (HostGpu gpu = HostGpu.open()) {
            GpuRoofline.Result result = GpuRoofline.measure(gpu, SMALL);
            assertEquals(3, result.fmaGflops().samples().length);
            assertTrue(result.fmaGflops().min() > 0 && result.fmaGflops().min() <= result.fmaGflops().median()
                    && result.fmaGflops().median() <= result.fmaGflops().max());
            assertTrue(result.triadGigabytesPerSecond().median() > 0);
            assertEquals(3, result.uploadGigabytesPerSecond().samples().length);
            assertTrue(result.uploadGigabytesPerSecond().median() > 0);
        }
    }

    @Test
    void countsTwoFlopPerFmaAndTwelveBytesPerTriadElement() {
        assertEquals(2.0 * 8 * 11 * 7, SMALL.peakFlop());
        assertEquals(12.0 * 13, SMALL.triadBytes());
        assertEquals(4.0 * 17, SMALL.uploadBytes());
    }

    @Test
    void triadKernelComputesBPlusScaledC() {
        try (HostGpu gpu = HostGpu.open()) {
            DeviceBuffer a = gpu.allocate(5);
            DeviceBuffer b = gpu.allocate(5);
            DeviceBuffer c = gpu.allocate(5);
            gpu.upload(new float[] {1, 2, 3, 4, 5}, 0, b, 5);
            gpu.upload(new float[] {10, 20, 30, 40, 50}, 0, c, 5);
            gpu.launch(Kernel.TRIAD, 5, a, b, c, 0.5f, 5);
            float[] out = new float[5];
            gpu.download(a, out, 0, 5);
            assertEquals("[6.0, 12.0, 18.0, 24.0, 30.0]", java.util.Arrays.toString(out));
        }
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        GpuRoofline.Rate rate = GpuRoofline.Rate.of(new double[] {4, 1, 3, 2});
        assertEquals(2.5, rate.median());
        assertEquals(1, rate.min());
        assertEquals(4, rate.max());
    }
}
