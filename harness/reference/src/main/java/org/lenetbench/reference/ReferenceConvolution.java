package org.lenetbench.reference;

import java.util.Arrays;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * {@code y[o,i,j] = b[o] + Σ_{c connected to o} Σ_{u,v} w[o,c,u,v] · x[c, i+u−p, j+v−p]}, zero outside the
 * input. Unconnected (o, c) pairs are skipped everywhere, so their weights get no gradient and stay zero.
 */
final class ReferenceConvolution extends ReferenceLayer {
    private final int k;
    private final int pad;
    private final boolean[][] connected;
    private final double[] w;
    private final double[] b;
    private final double[] dw;
    private final double[] db;
    private final double[] hw;
    private final double[] hb;

    ReferenceConvolution(Convolution spec, Shape in, ParameterStore store) {
        super(in, spec.outputShape(in));
        this.k = spec.kernel();
        this.pad = spec.padding();
        this.connected = new boolean[out.channels()][in.channels()];
        for (int o = 0; o < out.channels(); o++) {
            for (int c = 0; c < in.channels(); c++) {
                connected[o][c] = spec.connected(o, c);
            }
        }
        this.w = store.value(spec.name() + ".weight");
        this.b = store.value(spec.name() + ".bias");
        this.dw = store.gradient(spec.name() + ".weight");
        this.db = store.gradient(spec.name() + ".bias");
        this.hw = store.curvature(spec.name() + ".weight");
        this.hb = store.curvature(spec.name() + ".bias");
    }

    private int weightIndex(int o, int c, int u, int v) {
        return ((o * in.channels() + c) * k + u) * k + v;
    }

    private int inputIndex(int c, int row, int col) {
        return (c * in.height() + row) * in.width() + col;
    }

    private boolean inside(int row, int col) {
        return row >= 0 && row < in.height() && col >= 0 && col < in.width();
    }

    @Override
    public void forward(double[] x, double[] y) {
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    double sum = b[o];
                    for (int c = 0; c < in.channels(); c++) {
                        if (!connected[o][c]) {
                            continue;
                        }
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int row = i + u - pad;
                                int col = j + v - pad;
                                if (inside(row, col)) {
                                    sum += w[weightIndex(o, c, u, v)] * x[inputIndex(c, row, col)];
                                }
                            }
                        }
                    }
                    y[(o * out.height() + i) * out.width() + j] = sum;
                }
            }
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx) {
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    double g = dy[(o * out.height() + i) * out.width() + j];
                    db[o] += g;
                    for (int c = 0; c < in.channels(); c++) {
                        if (!connected[o][c]) {
                            continue;
                        }
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int row = i + u - pad;
                                int col = j + v - pad;
                                if (inside(row, col)) {
                                    dw[weightIndex(o, c, u, v)] += g * x[inputIndex(c, row, col)];
                                    if (dx != null) {
                                        dx[inputIndex(c, row, col)] += g * w[weightIndex(o, c, u, v)];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void curvature(double[] x, double[] y, double[] d2y, double[] d2x) {
        if (d2x != null) {
            Arrays.fill(d2x, 0);
        }
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    double h = d2y[(o * out.height() + i) * out.width() + j];
                    hb[o] += h;
                    for (int c = 0; c < in.channels(); c++) {
                        if (!connected[o][c]) {
                            continue;
                        }
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int row = i + u - pad;
                                int col = j + v - pad;
                                if (inside(row, col)) {
                                    double xv = x[inputIndex(c, row, col)];
                                    double wv = w[weightIndex(o, c, u, v)];
                                    hw[weightIndex(o, c, u, v)] += xv * xv * h;
                                    if (d2x != null) {
                                        d2x[inputIndex(c, row, col)] += wv * wv * h;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
