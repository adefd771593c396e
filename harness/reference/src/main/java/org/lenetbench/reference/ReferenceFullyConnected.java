package org.lenetbench.reference;

import org.lenetbench.model.Shape;

/** {@code y_i = b_i + Σ_j W[i, j] · x_j} over the input flattened in (C, H, W) order; also the linear output. */
final class ReferenceFullyConnected extends ReferenceLayer {
    private final double[] w;
    private final double[] b;
    private final double[] dw;
    private final double[] db;
    private final double[] hw;
    private final double[] hb;

    ReferenceFullyConnected(String name, Shape in, int outputs, ParameterStore store) {
        super(in, Shape.vector(outputs));
        this.w = store.value(name + ".weight");
        this.b = store.value(name + ".bias");
        this.dw = store.gradient(name + ".weight");
        this.db = store.gradient(name + ".bias");
        this.hw = store.curvature(name + ".weight");
        this.hb = store.curvature(name + ".bias");
    }

    @Override
    public void forward(double[] x, double[] y) {
        int n = in.size();
        for (int i = 0; i < out.size(); i++) {
            double sum = b[i];
            for (int j = 0; j < n; j++) {
                sum += w[i * n + j] * x[j];
            }
            y[i] = sum;
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx) {
        int n = in.size();
        if (dx != null) {
            java.util.Arrays.fill(dx, 0);
        }
        for (int i = 0; i < out.size(); i++) {
            db[i] += dy[i];
            for (int j = 0; j < n; j++) {
                dw[i * n + j] += dy[i] * x[j];
                if (dx != null) {
                    dx[j] += w[i * n + j] * dy[i];
                }
            }
        }
    }

    @Override
    public void curvature(double[] x, double[] y, double[] d2y, double[] d2x) {
        int n = in.size();
        if (d2x != null) {
            java.util.Arrays.fill(d2x, 0);
        }
        for (int i = 0; i < out.size(); i++) {
            hb[i] += d2y[i];
            for (int j = 0; j < n; j++) {
                double wv = w[i * n + j];
                hw[i * n + j] += x[j] * x[j] * d2y[i];
                if (d2x != null) {
                    d2x[j] += wv * wv * d2y[i];
                }
            }
        }
    }
}
