package org.lenetbench.jcuda.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenetbench.jcuda.gpu.HostGpu.Schedule;

/**
 * The host shim runs barriers, shared memory and warp shuffles as a GPU would (the test kernels of
 * src/test/cuda/shim_selftest.cu), so that a kernel missing a barrier gives a wrong result here, under one schedule
 * or another, and a barrier that cannot open fails the launch instead of hanging it.
 */
class HostShimTest {
    private static final int THREADS = 64;
    private static final int BLOCKS = 3;

    @ParameterizedTest
    @EnumSource(Schedule.class)
    void sharedMemoryIsTheBlocksAndTheBarrierOrdersIt(Schedule schedule) {
        float[] expected = new float[BLOCKS * THREADS];
        for (int b = 0; b < BLOCKS; b++) {
            for (int t = 0; t < THREADS; t++) {
                expected[b * THREADS + t] = input()[b * THREADS + THREADS - 1 - t];
            }
        }
        assertArrayEquals(expected, run(schedule, "shim_reverse_blocks"));
    }

    @ParameterizedTest
    @EnumSource(Schedule.class)
    void aMissingBarrierGivesAWrongResult(Schedule schedule) {
        assertFalse(Arrays.equals(run(schedule, "shim_reverse_blocks"),
                run(schedule, "shim_reverse_blocks_without_barrier")));
    }

    /** Why the tests run every schedule: a thread that reads its neighbour's slot unguarded is right in one order. */
    @Test
    void aRaceThatTheLastFirstOrderHidesShowsInTheOthers() {
        float[] expected = new float[BLOCKS * THREADS];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = input()[i % THREADS == THREADS - 1 ? i : i + 1];
        }
        assertArrayEquals(expected, run(Schedule.LAST_FIRST, "shim_shift_without_barrier"));
        assertNotEquals(Arrays.toString(expected),
                Arrays.toString(run(Schedule.FIRST_FIRST, "shim_shift_without_barrier")));
        assertNotEquals(Arrays.toString(expected),
                Arrays.toString(run(Schedule.SHUFFLED, "shim_shift_without_barrier")));
    }

    @ParameterizedTest
    @EnumSource(Schedule.class)
    void xorShufflesSumEachWarp(Schedule schedule) {
        int warps = THREADS / 32 * BLOCKS;
        try (HostGpu gpu = HostGpu.open(schedule)) {
            DeviceBuffer in = upload(gpu, input());
            DeviceBuffer sums = gpu.allocate(warps);
            gpu.launch("shim_warp_sums", BLOCKS, THREADS, in, sums);
            float[] actual = new float[warps];
            gpu.download(sums, actual, 0, warps);
            for (int w = 0; w < warps; w++) {
                float exact = 0;
                for (int lane = 0; lane < 32; lane++) {
                    exact += input()[w * 32 + lane]; // small integers: every order gives the same float
                }
                assertEquals(exact, actual[w], 0.0f, "warp " + w);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Schedule.class)
    void aBarrierThatNotEveryThreadReachesFailsTheLaunch(Schedule schedule) {
        try (HostGpu gpu = HostGpu.open(schedule)) {
            DeviceBuffer out = gpu.allocate(THREADS);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> gpu.launch("shim_barrier_in_divergent_code", 1, THREADS, out));
            assertEquals("host kernel launch failed: shim_barrier_in_divergent_code, block 0: a thread returned while"
                    + " 32 wait at __syncthreads", e.getMessage());
        }
    }

    @Test
    void argumentsThatDoNotMatchTheKernelAreRefusedByName() {
        try (HostGpu gpu = HostGpu.open()) {
            DeviceBuffer out = gpu.allocate(THREADS);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> gpu.launch("shim_warp_sums", 1, THREADS, out, 3));
            assertEquals("host kernel launch failed: shim_warp_sums: launched with arguments (pi) but the kernel takes"
                    + " (pp); p = pointer, i = int, f = float", e.getMessage());
        }
    }

    @Test
    void theEmulationSaysWhichScheduleItRuns() {
        try (HostGpu gpu = HostGpu.open(Schedule.SHUFFLED)) {
            assertEquals("CPU emulation of the CUDA kernels (g++, fibers, 2 blocks per launch, shuffled)",
                    gpu.describe());
        }
    }

    private static float[] run(Schedule schedule, String kernel) {
        try (HostGpu gpu = HostGpu.open(schedule)) {
            DeviceBuffer in = upload(gpu, input());
            DeviceBuffer out = gpu.allocate(BLOCKS * THREADS);
            gpu.launch(kernel, BLOCKS, THREADS, in, out);
            float[] result = new float[BLOCKS * THREADS];
            gpu.download(out, result, 0, result.length);
            return result;
        }
    }

    private static float[] input() {
        float[] values = new float[BLOCKS * THREADS];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    private static DeviceBuffer upload(HostGpu gpu, float[] values) {
        DeviceBuffer buffer = gpu.allocate(values.length);
        gpu.upload(values, 0, buffer, values.length);
        return buffer;
    }
}
