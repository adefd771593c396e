package org.lenetbench.reference;

import java.util.Arrays;

import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/**
 * Non-overlapping window subsampling. Trainable: {@code y = coef[m]·Σ window + bias[m]} (a sum, not a
 * mean). Average: the mean. Max: the first largest element in row-major window order.
 */
final class ReferenceSubsampling extends ReferenceLayer {
    private final Subsampling.Kind kind;
    private final int s;
    private final double[] coef;
    private final double[] bias;
    private final double[] dcoef;
    private final double[] dbias;
    private final double[] hcoef;
    private final double[] hbias;

    ReferenceSubsampling(Subsampling spec, Shape in, ParameterStore store) {
        super(in, spec.outputShape(in));
        this.kind = spec.kind();
        this.s = spec.window();
        boolean trainable = kind == Subsampling.Kind.TRAINABLE;
        this.coef = trainable ? store.value(spec.name() + ".coef") : null;
        this.bias = trainable ? store.value(spec.name() + ".bias") : null;
        this.dcoef = trainable ? store.gradient(spec.name() + ".coef") : null;
        this.dbias = trainable ? store.gradient(spec.name() + ".bias") : null;
        this.hcoef = trainable ? store.curvature(spec.name() + ".coef") : null;
        this.hbias = trainable ? store.curvature(spec.name() + ".bias") : null;
    }

    private int inputIndex(int m, int i, int j, int u, int v) {
        return (m * in.height() + i * s + u) * in.width() + j * s + v;
    }

    private double windowSum(double[] x, int m, int i, int j) {
        double sum = 0;
        for (int u = 0; u < s; u++) {
            for (int v = 0; v < s; v++) {
                sum += x[inputIndex(m, i, j, u, v)];
            }
        }
        return sum;
    }

    /** Index into x of the first largest element of the window. */
    private int argmax(double[] x, int m, int i, int j) {
        int best = inputIndex(m, i, j, 0, 0);
        for (int u = 0; u < s; u++) {
            for (int v = 0; v < s; v++) {
                int index = inputIndex(m, i, j, u, v);
                if (x[index] > x[best]) {
                    best = index;
                }
            }
        }
        return best;
    }

    @Override
    public void forward(double[] x, double[] y) {
        for (int m = 0; m < out.channels(); m++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    y[(m * out.height() + i) * out.width() + j] = switch (kind) {
                        case TRAINABLE -> coef[m] * windowSum(x, m, i, j) + bias[m];
                        case AVERAGE -> windowSum(x, m, i, j) / (s * s);
                        case MAX -> x[argmax(x, m, i, j)];
                    };
                }
            }
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx) {
        // The second-order pass has the same shape with squared factors; both go through spread().
        spread(x, dy, dx, false);
    }

    @Override
    public void curvature(double[] x, double[] y, double[] d2y, double[] d2x) {
        spread(x, d2y, d2x, true);
    }

    /** Sends (second) derivatives from each output back to its window and accumulates the parameters'. */
    private void spread(double[] x, double[] dy, double[] dx, boolean secondOrder) {
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        for (int m = 0; m < out.channels(); m++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    double g = dy[(m * out.height() + i) * out.width() + j];
                    double toEach;
                    switch (kind) {
                        case TRAINABLE -> {
                            double sum = windowSum(x, m, i, j);
                            (secondOrder ? hcoef : dcoef)[m] += (secondOrder ? sum * sum : sum) * g;
                            (secondOrder ? hbias : dbias)[m] += g;
                            toEach = (secondOrder ? coef[m] * coef[m] : coef[m]) * g;
                        }
                        case AVERAGE -> {
                            double scale = 1.0 / (s * s);
                            toEach = (secondOrder ? scale * scale : scale) * g;
                        }
                        case MAX -> {
                            if (dx != null) {
                                dx[argmax(x, m, i, j)] += g;
                            }
                            continue;
                        }
                        default -> throw new AssertionError(kind);
                    }
                    if (dx != null) {
                        for (int u = 0; u < s; u++) {
                            for (int v = 0; v < s; v++) {
                                dx[inputIndex(m, i, j, u, v)] += toEach;
                            }
                        }
                    }
                }
            }
        }
    }
}
