package org.lenetbench.jcuda.layers;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.HostGpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;


/**
 * The batch sum on the CPU build of reduce.cu, against the same float additions done here in the documented
 * order: one pass up to {@value BatchSum#CHUNK} images, chunks of {@value BatchSum#CHUNK} beyond (a batch that is
 * not a multiple of the chunk included).
 */
class BatchSumTest {
    private static final int M = 3;

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 65, 200})
    void sumsInTheDocumentedOrder(int n) {
        float[] partial = randomFloats(n);
        try (HostGpu gpu = HostGpu.open(); BatchSum sum = new BatchSum(gpu, M)) {
            DeviceBuffer in = gpu.allocate(n * M);
            DeviceBuffer out = gpu.allocate(M);
            gpu.upload(partial, 0, in, n * M);
            sum.sum(in, out, n);
            float[] actual = new float[M];
            gpu.download(out, actual, 0, M);
            assertArrayEquals(expected(partial, n), actual, 0.0f);
        }
    }

    private static float[] randomFloats(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] values = new float[n * M];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static float[] expected(float[] partial, int n) {
        float[] out = new float[M];
        for (int j = 0; j < M; j++) {
            if (n <= BatchSum.CHUNK) {
                float sum = 0;
                for (int b = 0; b < n; b++) {
                    sum += partial[b * M + j];
                }
                out[j] = sum;
                continue;
            }
            float total = 0;
            for (int start = 0; start < n; start += BatchSum.CHUNK) {
                float chunk = 0;
                for (int b = start; b < Math.min(n, start + BatchSum.CHUNK); b++) {
                    chunk += partial[b * M + j];
                }
                total += chunk;
            }
            out[j] = total;
        }
        return out;
    }
}
