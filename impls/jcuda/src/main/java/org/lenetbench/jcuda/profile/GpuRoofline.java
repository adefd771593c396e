package org.lenetbench.jcuda.profile;

import java.util.Arrays;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;

/**
 * Measures a GPU's limits with the kernels of roofline.cu: the fp32 FMA rate ({@code fma_peak}) and the memory
 * bandwidth ({@code triad}); and how fast {@link Gpu#upload} moves a Java float[] to the device, the path every
 * batch's images take. Each is timed from the host (launch or copy, then synchronize) after one warm-up,
 * {@code samples} times; sizes are chosen so that one lasts milliseconds on an H100, far above the microseconds a
 * launch and a synchronize cost.
 */
public final class GpuRoofline {
    /** Independent FMA chains per lane in fma_peak (PEAK_CHAINS in roofline.cu). */
    public static final int CHAINS = 8;
    static final float FMA_A = 0.999f;
    static final float FMA_B = 0.001f;
    static final float TRIAD_SCALE = 3.0f;

    /** How much work one timed launch does. */
    public record Sizes(int peakLanes, int peakRounds, int triadLength, int uploadLength, int samples) {
        /** About 20 ms of FMAs, 3 GiB of triad traffic and a 64 MiB upload per sample on an H100. */
        public static final Sizes GPU = new Sizes(4 << 20, 1 << 15, 256 << 20, 16 << 20, 15);

        double peakFlop() {
            return 2.0 * CHAINS * peakLanes * (double) peakRounds;
        }

        double triadBytes() {
            return 12.0 * triadLength;
        }

        double uploadBytes() {
            return 4.0 * uploadLength;
        }
    }

    /** Median, minimum and maximum of the samples, in GFLOP/s or GB/s. */
    public record Rate(double median, double min, double max, double[] samples) {
        public static Rate of(double[] samples) {
            double[] sorted = samples.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Rate(median, sorted[0], sorted[n - 1], samples.clone());
        }
    }

    public record Result(String device, Sizes sizes, Rate fmaGflops, Rate triadGigabytesPerSecond,
            Rate uploadGigabytesPerSecond) {}

    private GpuRoofline() {}

    public static Result measure(Gpu gpu, Sizes sizes) {
        return new Result(gpu.describe(), sizes, Rate.of(fmaPeak(gpu, sizes)), Rate.of(triad(gpu, sizes)),
                Rate.of(upload(gpu, sizes)));
    }

    private static double[] fmaPeak(Gpu gpu, Sizes sizes) {
        DeviceBuffer out = gpu.allocate(sizes.peakLanes());
        try {
            Runnable launch = () -> gpu.launch(Kernel.FMA_PEAK, sizes.peakLanes(), out, sizes.peakLanes(),
                    sizes.peakRounds(), FMA_A, FMA_B);
            double[] seconds = time(gpu, launch, sizes.samples());
            checkPeakOutput(gpu, out, sizes);
            return rates(sizes.peakFlop(), seconds);
        } finally {
            gpu.free(out);
        }
    }

    private static double[] triad(Gpu gpu, Sizes sizes) {
        int n = sizes.triadLength();
        DeviceBuffer a = gpu.allocate(n);
        DeviceBuffer b = gpu.allocate(n);
        DeviceBuffer c = gpu.allocate(n);
        try {
            // b and c are zero-filled by allocate; the rate does not depend on the values
            return rates(sizes.triadBytes(), time(gpu, () -> gpu.launch(Kernel.TRIAD, n, a, b, c, TRIAD_SCALE, n),
                    sizes.samples()));
        } finally {
            gpu.free(a);
            gpu.free(b);
            gpu.free(c);
        }
    }

    private static double[] upload(Gpu gpu, Sizes sizes) {
        int n = sizes.uploadLength();
        float[] images = new float[n];
        DeviceBuffer target = gpu.allocate(n);
        try {
            return rates(sizes.uploadBytes(), time(gpu, () -> gpu.upload(images, 0, target, n), sizes.samples()));
        } finally {
            gpu.free(target);
        }
    }

    private static double[] time(Gpu gpu, Runnable launch, int samples) {
        launch.run(); // warm-up: the driver's first launch of a kernel loads it
        gpu.synchronize();
        double[] seconds = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            launch.run();
            gpu.synchronize();
            seconds[s] = (System.nanoTime() - start) * 1e-9;
        }
        return seconds;
    }

    private static double[] rates(double work, double[] seconds) {
        return Arrays.stream(seconds).map(s -> work / s * 1e-9).toArray();
    }

    /** The kernel did the work it is credited with: a few lanes recomputed on the host, FMA by FMA. */
    private static void checkPeakOutput(Gpu gpu, DeviceBuffer out, Sizes sizes) {
        float[] values = new float[sizes.peakLanes()];
        gpu.download(out, values, 0, values.length);
        for (int lane : new int[] {0, 1, sizes.peakLanes() / 2, sizes.peakLanes() - 1}) {
            float expected = expectedPeakLane(lane, sizes.peakRounds());
            if (Float.compare(values[lane], expected) != 0) {
                throw new IllegalStateException("fma_peak lane " + lane + " computed " + values[lane] + ", expected "
                        + expected + ": the kernel did not do the FMAs it is timed for");
            }
        }
    }

    static float expectedPeakLane(int lane, int rounds) {
        float sum = 0.0f;
        for (int c = 0; c < CHAINS; c++) {
            float x = lane + c;
            for (int r = 0; r < rounds; r++) {
                x = Math.fma(x, FMA_A, FMA_B);
            }
            sum += x;
        }
        return sum;
    }
}
