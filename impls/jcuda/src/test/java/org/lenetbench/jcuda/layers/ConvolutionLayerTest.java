package org.lenetbench.jcuda.layers;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenetbench.jcuda.layers.LayerFixture.Sum;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.HostGpu;
import org.lenetbench.model.Activation;
import org.lenetbench.model.ConnectionTable;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

import static org.lenetbench.jcuda.layers.LayerFixture.assertClose;
import static org.lenetbench.jcuda.layers.LayerFixture.random;


/**
 * The convolution's staged kernels and its input gradient on the host build, against the sums in double
 * precision: C3 with Table 1's connections, and a padded dense convolution of a non-square input; batches of one
 * image, of one chunk of {@value ConvolutionLayer#CHUNK}, and of more chunks than the host grid has blocks, the last
 * one partial; once with the scaled tanh fused into the forward pass. Each under every schedule of the shim.
 */
class ConvolutionLayerTest {

    static Stream<Arguments> layers() {
        Convolution c3 = Convolution.partial("c3", 5, ConnectionTable.lenet5Table1());
        Convolution padded = Convolution.dense("conv", 4, 5, 2);
        return LayerFixture.underEverySchedule(Stream.of(
                Arguments.of(c3, new Shape(6, 14, 14), 1, null),
                Arguments.of(c3, new Shape(6, 14, 14), ConvolutionLayer.CHUNK, Activation.Function.SCALED_TANH),
                Arguments.of(c3, new Shape(6, 14, 14), 3 * ConvolutionLayer.CHUNK + 3, null),
                Arguments.of(padded, new Shape(3, 9, 11), 2 * ConvolutionLayer.CHUNK + 1, null)));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void forwardAndBackwardAreTheSums(Convolution spec, Shape in, int n, Activation.Function fused,
            HostGpu.Schedule schedule) {
        Shape out = spec.outputShape(in);
        int k = spec.kernel();
        int pad = spec.padding();
        int cin = in.channels();
        int cout = out.channels();
        SplittableRandom random = new SplittableRandom(n);
        try (LayerFixture fixture = new LayerFixture(schedule)) {
            float[] w = fixture.parameter(spec.name() + ".weight", cout * cin * k * k, random);
            float[] bias = fixture.parameter(spec.name() + ".bias", cout, random);
            float[] x = random(random, n * in.size());
            float[] dy = random(random, n * out.size());
            try (ConvolutionLayer layer = new ConvolutionLayer(fixture.gpu, spec, in, fixture,
                    fused == null ? JcudaKinds.IDENTITY : JcudaKinds.of(fused))) {
                DeviceBuffer xs = fixture.upload(x);
                DeviceBuffer ys = fixture.gpu.allocate(n * out.size());
                DeviceBuffer dxs = fixture.gpu.allocate(n * in.size());
                layer.forward(xs, ys, n);
                layer.backward(xs, ys, fixture.upload(dy), dxs, n);
                float[] y = fixture.download(ys, n * out.size());
                float[] dx = fixture.download(dxs, n * in.size());
                Sum[] expectedDx = sums(n * in.size());
                Sum[] expectedDw = sums(w.length);
                Sum[] expectedDb = sums(cout);
                for (int b = 0; b < n; b++) {
                    for (int o = 0; o < cout; o++) {
                        for (int oy = 0; oy < out.height(); oy++) {
                            for (int ox = 0; ox < out.width(); ox++) {
                                int yi = ((b * cout + o) * out.height() + oy) * out.width() + ox;
                                Sum sum = new Sum().add(bias[o]);
                                expectedDb[o].add(dy[yi]);
                                for (int i = 0; i < cin; i++) {
                                    if (!spec.connected(o, i)) continue;
                                    for (int ky = 0; ky < k; ky++) {
                                        int iy = oy + ky - pad;
                                        for (int kx = 0; kx < k; kx++) {
                                            int ix = ox + kx - pad;
                                            if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) continue;
                                            int xi = ((b * cin + i) * in.height() + iy) * in.width() + ix;
                                            int wi = ((o * cin + i) * k + ky) * k + kx;
                                            sum.add((double) w[wi] * x[xi]);
                                            expectedDx[xi].add((double) w[wi] * dy[yi]);
                                            expectedDw[wi].add((double) dy[yi] * x[xi]);
                                        }
                                    }
                                }
                                if (fused == null) {
                                    sum.assertMatches(y[yi], "y[" + yi + "]");
                                } else { // 1.7159 tanh(2a/3) moves by at most 1.15 times what a moves
                                    double squashed = Activation.SCALED_TANH_A
                                            * Math.tanh(Activation.SCALED_TANH_S * sum.value());
                                    assertClose(squashed, 1.15 * sum.magnitude(), y[yi], "y[" + yi + "]");
                                }
                            }
                        }
                    }
                }
                for (int j = 0; j < dx.length; j++) expectedDx[j].assertMatches(dx[j], "dx[" + j + "]");
                float[] dw = fixture.gradientValues(spec.name() + ".weight");
                for (int j = 0; j < dw.length; j++) expectedDw[j].assertMatches(dw[j], "dweight[" + j + "]");
                float[] db = fixture.gradientValues(spec.name() + ".bias");
                for (int o = 0; o < cout; o++) expectedDb[o].assertMatches(db[o], "dbias[" + o + "]");
            }
        }
    }

    private static Sum[] sums(int length) {
        Sum[] sums = new Sum[length];
        for (int i = 0; i < length; i++) sums[i] = new Sum();
        return sums;
    }
}
