package org.lenetbench.djl;

import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * Whether this engine's convolution input gradient is right on this host: a few small convolutions run forward
 * and backward through libtorch's autograd, as in training, against a direct computation in double precision.
 * The shapes are those whose output channels are not a multiple of 16 (LeNet's 6 and 12, and 4): the ones that
 * oneDNN 3.7's weight reorder breaks on hosts whose CPUID hides the cache topology (see the backend's README).
 */
final class ConvolutionBackwardProbe {
    /** Input channels, output channels, input size, kernel: C1 of LeNet-5, C3 of LeNet-1, C1 of LeNet-1. */
    private static final int[][] SHAPES = {{1, 6, 12, 5}, {4, 12, 12, 5}, {1, 4, 10, 5}};
    private static final int BATCH = 2;
    /** float32 sums of at most 12·25 products of values below 1, against their double sums. */
    private static final double TOLERANCE = 1e-4;

    private ConvolutionBackwardProbe() {
    }

    /** Empty when every probed value is right; otherwise the first wrong one, e.g. "6 maps from 1: dx[3] = NaN, expected 0.12". */
    static java.util.Optional<String> firstError(Engine engine) {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int[] s : SHAPES) {
            String error = check(engine, s[0], s[1], s[2], s[3], random);
            if (error != null) {
                return java.util.Optional.of(error);
            }
        }
        return java.util.Optional.empty();
    }

    private static String check(Engine engine, int in, int out, int size, int k, SplittableRandom random) {
        int o = size - k + 1;
        float[] x = values(BATCH * in * size * size, random), w = values(out * in * k * k, random);
        float[] b = values(out, random), g = values(BATCH * out * o * o, random);
        float[] y, dx;
        try (NDManager manager = engine.newBaseManager()) {
            NDArray xs = manager.create(x, new Shape(BATCH, in, size, size));
            NDArray ws = manager.create(w, new Shape(out, in, k, k));
            NDArray bs = manager.create(b, new Shape(out));
            NDArray gs = manager.create(g, new Shape(BATCH, out, o, o));
            xs.setRequiresGradient(true);
            ws.setRequiresGradient(true); // as in training: the weights' gradient is wanted too
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray ys = Conv2d.conv2d(xs, ws, bs, new Shape(1, 1), new Shape(0, 0)).singletonOrThrow();
                y = ys.toFloatArray();
                collector.backward(ys.mul(gs).sum());
            }
            dx = xs.getGradient().toFloatArray();
        }
        double[] expectedY = new double[y.length], expectedDx = new double[dx.length];
        for (int n = 0; n < BATCH; n++) {
            for (int m = 0; m < out; m++) {
                for (int i = 0; i < o; i++) {
                    for (int j = 0; j < o; j++) {
                        int yi = ((n * out + m) * o + i) * o + j;
                        double sum = b[m];
                        for (int c = 0; c < in; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int xi = ((n * in + c) * size + i + u) * size + j + v;
                                    double wv = w[((m * in + c) * k + u) * k + v];
                                    sum += x[xi] * wv;
                                    expectedDx[xi] += g[yi] * wv;
                                }
                            }
                        }
                        expectedY[yi] = sum;
                    }
                }
            }
        }
        String where = out + " maps from " + in + ", " + k + "x" + k + " kernel on " + size + "x" + size;
        String error = firstMismatch(where + ": y", y, expectedY);
        return error != null ? error : firstMismatch(where + ": dx", dx, expectedDx);
    }

    private static String firstMismatch(String name, float[] actual, double[] expected) {
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= TOLERANCE * (1 + Math.abs(expected[i])))) {
                return String.format(java.util.Locale.ROOT, "%s[%d] = %.6g, expected %.6g", name, i, actual[i], expected[i]);
            }
        }
        return null;
    }

    private static float[] values(int n, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
