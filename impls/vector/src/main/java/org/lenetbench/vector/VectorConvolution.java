package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * Direct convolution by rows: for every connected (output map, input map) pair and every kernel tap
 * (u, v), an output row gains {@code w[o,c,u,v]} times a shifted input row — one {@link FloatOps#axpy}.
 * Backward is the same walk: the weight gradient is a {@link FloatOps#dot} of output-gradient rows with
 * input rows, the input gradient an axpy the other way. Only connected pairs are visited (C3: 60 of 96).
 * Zero padding is handled by clipping each row to the part that lies inside the input.
 */
final class VectorConvolution extends VectorLayer {
    private final int k;
    private final int pad;
    private final int[][] inputsOf; // connected input maps of each output map
    private final float[] w;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;

    VectorConvolution(Convolution spec, Shape in, FloatParameters params, FloatOps ops) {
        super(in, spec.outputShape(in));
        this.k = spec.kernel();
        this.pad = spec.padding();
        this.inputsOf = new int[out.channels()][];
        for (int o = 0; o < out.channels(); o++) {
            final int map = o;
            inputsOf[o] = java.util.stream.IntStream.range(0, in.channels()).filter(c -> spec.connected(map, c)).toArray();
        }
        this.w = params.value(spec.name() + ".weight");
        this.b = params.value(spec.name() + ".bias");
        this.dw = params.gradientIndex(spec.name() + ".weight");
        this.db = params.gradientIndex(spec.name() + ".bias");
        this.ops = ops;
    }

    private int weightIndex(int o, int c, int u, int v) {
        return ((o * in.channels() + c) * k + u) * k + v;
    }

    @Override
    void forward(float[] x, float[] y) {
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            Arrays.fill(y, o * oh * ow, (o + 1) * oh * ow, b[o]);
            for (int c : inputsOf[o]) {
                for (int u = 0; u < k; u++) {
                    int iLo = Math.max(0, pad - u);
                    int iHi = Math.min(oh, in.height() + pad - u);
                    for (int v = 0; v < k; v++) {
                        int jLo = Math.max(0, pad - v);
                        int jHi = Math.min(ow, in.width() + pad - v);
                        float weight = w[weightIndex(o, c, u, v)];
                        for (int i = iLo; i < iHi; i++) {
                            int xRow = (c * in.height() + i + u - pad) * in.width() + v - pad;
                            ops.axpy(weight, x, xRow + jLo, y, (o * oh + i) * ow + jLo, jHi - jLo);
                        }
                    }
                }
            }
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients) {
        int oh = out.height();
        int ow = out.width();
        float[] gw = gradients[dw];
        float[] gb = gradients[db];
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        for (int o = 0; o < out.channels(); o++) {
            gb[o] += ops.sum(dy, o * oh * ow, oh * ow);
            for (int c : inputsOf[o]) {
                for (int u = 0; u < k; u++) {
                    int iLo = Math.max(0, pad - u);
                    int iHi = Math.min(oh, in.height() + pad - u);
                    for (int v = 0; v < k; v++) {
                        int jLo = Math.max(0, pad - v);
                        int jHi = Math.min(ow, in.width() + pad - v);
                        int wi = weightIndex(o, c, u, v);
                        float acc = 0;
                        for (int i = iLo; i < iHi; i++) {
                            int xRow = (c * in.height() + i + u - pad) * in.width() + v - pad;
                            int yRow = (o * oh + i) * ow;
                            acc += ops.dot(dy, yRow + jLo, x, xRow + jLo, jHi - jLo);
                            if (dx != null) {
                                ops.axpy(w[wi], dy, yRow + jLo, dx, xRow + jLo, jHi - jLo);
                            }
                        }
                        gw[wi] += acc;
                    }
                }
            }
        }
    }
}
