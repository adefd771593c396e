package org.lenetbench.jcuda.layers;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenetbench.jcuda.layers.LayerFixture.Sum;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.HostGpu;
import org.lenetbench.model.Shape;

import static org.lenetbench.jcuda.layers.LayerFixture.random;


/**
 * The fully connected layer's three products (dense.cu's tiled kernel) on the host build, against the same sums
 * in double precision: sizes that leave partial tiles in every direction, and a batch of one slice, of exactly
 * one, and of two ({@value DenseLayer#SLICE} images each), whose weight gradient is summed slice by slice. Each
 * under every schedule of the shim.
 */
class DenseLayerTest {
    private static final Shape IN = new Shape(3, 5, 5);
    private static final int OUT = 70;

    static Stream<Arguments> batches() {
        return LayerFixture.underEverySchedule(
                Stream.of(5, DenseLayer.SLICE, DenseLayer.SLICE + 44).map(Arguments::of));
    }

    @ParameterizedTest
    @MethodSource("batches")
    void forwardAndBackwardAreTheMatrixProducts(int n, HostGpu.Schedule schedule) {
        int in = IN.size();
        SplittableRandom random = new SplittableRandom(n);
        try (LayerFixture fixture = new LayerFixture(schedule)) {
            float[] w = fixture.parameter("fc.weight", OUT * in, random);
            float[] bias = fixture.parameter("fc.bias", OUT, random);
            float[] x = random(random, n * in);
            float[] dy = random(random, n * OUT);
            try (DenseLayer layer = new DenseLayer(fixture.gpu, "fc", IN, OUT, fixture, JcudaKinds.IDENTITY)) {
                DeviceBuffer xs = fixture.upload(x);
                DeviceBuffer ys = fixture.gpu.allocate(n * OUT);
                DeviceBuffer dxs = fixture.gpu.allocate(n * in);
                layer.forward(xs, ys, n);
                layer.backward(xs, ys, fixture.upload(dy), dxs, n);
                float[] y = fixture.download(ys, n * OUT);
                float[] dx = fixture.download(dxs, n * in);
                for (int b = 0; b < n; b++) {
                    for (int o = 0; o < OUT; o++) {
                        Sum sum = new Sum().add(bias[o]);
                        for (int j = 0; j < in; j++) sum.add((double) w[o * in + j] * x[b * in + j]);
                        sum.assertMatches(y[b * OUT + o], "y[" + b + ", " + o + "]");
                    }
                    for (int j = 0; j < in; j++) {
                        Sum sum = new Sum();
                        for (int o = 0; o < OUT; o++) sum.add((double) w[o * in + j] * dy[b * OUT + o]);
                        sum.assertMatches(dx[b * in + j], "dx[" + b + ", " + j + "]");
                    }
                }
                float[] dw = fixture.gradientValues("fc.weight");
                float[] db = fixture.gradientValues("fc.bias");
                for (int o = 0; o < OUT; o++) {
                    Sum biasSum = new Sum();
                    for (int b = 0; b < n; b++) biasSum.add(dy[b * OUT + o]);
                    biasSum.assertMatches(db[o], "dbias[" + o + "]");
                    for (int j = 0; j < in; j++) {
                        Sum sum = new Sum();
                        for (int b = 0; b < n; b++) sum.add((double) dy[b * OUT + o] * x[b * in + j]);
                        sum.assertMatches(dw[o * in + j], "dweight[" + o + ", " + j + "]");
                    }
                }
            }
        }
    }
}
