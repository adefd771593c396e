package org.lenetbench.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lenetbench.model.Shape;

/**
 * The fully connected layer's three products (dense.cu's tiled kernel) on the host build, against the same sums
 * in double precision: sizes that leave partial tiles in every direction, and a batch of one slice, of exactly
 * one, and of two ({@value DenseLayer#SLICE} images each), whose weight gradient is summed slice by slice.
 */
class DenseLayerTest {
    private static final Shape IN = new Shape(3, 5, 5);
    private static final int OUT = 70;
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(ints = {5, DenseLayer.SLICE, DenseLayer.SLICE + 44})
    void forwardAndBackwardAreTheMatrixProducts(int n) {
        int in = IN.size();
        SplittableRandom random = new SplittableRandom(n);
        float[] x = random(random, n * in);
        float[] w = random(random, OUT * in);
        float[] bias = random(random, OUT);
        float[] dy = random(random, n * OUT);
        try (HostGpu gpu = HostGpu.open()) {
            Map<String, DeviceBuffer> buffers = new HashMap<>();
            ParameterSlices slices = new ParameterSlices() {
                @Override
                public DeviceBuffer value(String name) {
                    return buffers.computeIfAbsent(name, key -> upload(gpu, key.endsWith("weight") ? w : bias));
                }

                @Override
                public DeviceBuffer gradient(String name) {
                    return buffers.computeIfAbsent("d" + name, key -> gpu.allocate(key.endsWith("weight") ? w.length : OUT));
                }
            };
            try (DenseLayer layer = new DenseLayer(gpu, "fc", IN, OUT, slices)) {
                DeviceBuffer xs = upload(gpu, x);
                DeviceBuffer ys = gpu.allocate(n * OUT);
                DeviceBuffer dys = upload(gpu, dy);
                DeviceBuffer dxs = gpu.allocate(n * in);
                layer.forward(xs, ys, n);
                layer.backward(xs, ys, dys, dxs, n);
                for (int b = 0; b < n; b++) {
                    for (int o = 0; o < OUT; o++) {
                        double sum = bias[o];
                        for (int j = 0; j < in; j++) sum += (double) w[o * in + j] * x[b * in + j];
                        assertClose(sum, download(gpu, ys, n * OUT)[b * OUT + o], "y[" + b + ", " + o + "]");
                    }
                }
                float[] dxValues = download(gpu, dxs, n * in);
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < in; j++) {
                        double sum = 0;
                        for (int o = 0; o < OUT; o++) sum += (double) w[o * in + j] * dy[b * OUT + o];
                        assertClose(sum, dxValues[b * in + j], "dx[" + b + ", " + j + "]");
                    }
                }
                float[] dw = download(gpu, buffers.get("dfc.weight"), OUT * in);
                float[] db = download(gpu, buffers.get("dfc.bias"), OUT);
                for (int o = 0; o < OUT; o++) {
                    double biasSum = 0;
                    for (int b = 0; b < n; b++) biasSum += dy[b * OUT + o];
                    assertClose(biasSum, db[o], "dbias[" + o + "]");
                    for (int j = 0; j < in; j++) {
                        double sum = 0;
                        for (int b = 0; b < n; b++) sum += (double) dy[b * OUT + o] * x[b * in + j];
                        assertClose(sum, dw[o * in + j], "dweight[" + o + ", " + j + "]");
                    }
                }
            }
        }
    }

    private static void assertClose(double expected, float actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float) random.nextDouble(-1, 1);
        return values;
    }

    private static DeviceBuffer upload(Gpu gpu, float[] values) {
        DeviceBuffer buffer = gpu.allocate(values.length);
        gpu.upload(values, 0, buffer, values.length);
        return buffer;
    }

    private static float[] download(Gpu gpu, DeviceBuffer buffer, int length) {
        float[] values = new float[length];
        gpu.download(buffer, values, 0, length);
        return values;
    }
}
