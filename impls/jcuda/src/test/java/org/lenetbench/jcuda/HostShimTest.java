package org.lenetbench.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host shim runs barriers, shared memory and warp shuffles as a GPU would (the test kernels of
 * src/test/cuda/shim_selftest.cu), so that a kernel missing a barrier gives a wrong result here and a barrier that
 * cannot open fails the launch instead of hanging it.
 */
class HostShimTest {
    private static final int THREADS = 64;
    private static final int BLOCKS = 3;

    private final HostGpu gpu = HostGpu.open();

    @AfterEach
    void close() {
        gpu.close();
    }

    @Test
    void sharedMemoryIsTheBlocksAndTheBarrierOrdersIt() {
        float[] reversed = runReverse("shim_reverse_blocks");
        float[] expected = new float[BLOCKS * THREADS];
        for (int b = 0; b < BLOCKS; b++) {
            for (int t = 0; t < THREADS; t++) {
                expected[b * THREADS + t] = input()[b * THREADS + THREADS - 1 - t];
            }
        }
        assertArrayEquals(expected, reversed, 0.0f);
    }

    @Test
    void aMissingBarrierGivesAWrongResult() {
        assertFalse(Arrays.equals(runReverse("shim_reverse_blocks"), runReverse("shim_reverse_blocks_without_barrier")));
    }

    @Test
    void xorShufflesSumEachWarp() {
        int warps = THREADS / 32 * BLOCKS;
        DeviceBuffer in = upload(input());
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

    @Test
    void aBarrierThatNotEveryThreadReachesFailsTheLaunch() {
        DeviceBuffer out = gpu.allocate(THREADS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gpu.launch("shim_barrier_in_divergent_code", 1, THREADS, out));
        assertEquals("host kernel launch failed: shim_barrier_in_divergent_code, block 0: a thread returned while 32"
                + " wait at __syncthreads", e.getMessage());
    }

    @Test
    void argumentsThatDoNotMatchTheKernelAreRefusedByName() {
        DeviceBuffer out = gpu.allocate(THREADS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gpu.launch("shim_warp_sums", 1, THREADS, out, 3));
        assertEquals("host kernel launch failed: shim_warp_sums: launched with arguments (pi) but the kernel takes (pp);"
                + " p = pointer, i = int, f = float", e.getMessage());
    }

    private float[] runReverse(String kernel) {
        DeviceBuffer in = upload(input());
        DeviceBuffer out = gpu.allocate(BLOCKS * THREADS);
        gpu.launch(kernel, BLOCKS, THREADS, in, out);
        float[] result = new float[BLOCKS * THREADS];
        gpu.download(out, result, 0, result.length);
        return result;
    }

    private static float[] input() {
        float[] values = new float[BLOCKS * THREADS];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    private DeviceBuffer upload(float[] values) {
        DeviceBuffer buffer = gpu.allocate(values.length);
        gpu.upload(values, 0, buffer, values.length);
        return buffer;
    }
}
