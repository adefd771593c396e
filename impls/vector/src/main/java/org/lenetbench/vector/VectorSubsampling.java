package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/** Window subsampling, scalar: it is about 1 % of LeNet-5's work. Same rules as the reference. */
final class VectorSubsampling extends VectorLayer {
    private final Subsampling.Kind kind;
    private final int s;
    private final float[] coef;
    private final float[] bias;
    private final int dcoef;
    private final int dbias;

    VectorSubsampling(Subsampling spec, Shape in, FloatParameters params) {
        super(in, spec.outputShape(in));
        this.kind = spec.kind();
        this.s = spec.window();
        boolean trainable = kind == Subsampling.Kind.TRAINABLE;
        this.coef = trainable ? params.value(spec.name() + ".coef") : null;
        this.bias = trainable ? params.value(spec.name() + ".bias") : null;
        this.dcoef = trainable ? params.gradientIndex(spec.name() + ".coef") : -1;
        this.dbias = trainable ? params.gradientIndex(spec.name() + ".bias") : -1;
    }

    private int inputIndex(int m, int i, int j, int u, int v) {
        return (m * in.height() + i * s + u) * in.width() + j * s + v;
    }

    private float windowSum(float[] x, int m, int i, int j) {
        float sum = 0;
        for (int u = 0; u < s; u++) {
            for (int v = 0; v < s; v++) {
                sum += x[inputIndex(m, i, j, u, v)];
            }
        }
        return sum;
    }

    private int argmax(float[] x, int m, int i, int j) {
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
    void forward(float[] x, float[] y, float[] scratch) {
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
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        for (int m = 0; m < out.channels(); m++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    float g = dy[(m * out.height() + i) * out.width() + j];
                    float toEach;
                    switch (kind) {
                        case TRAINABLE -> {
                            gradients[dcoef][m] += windowSum(x, m, i, j) * g;
                            gradients[dbias][m] += g;
                            toEach = coef[m] * g;
                        }
                        case AVERAGE -> toEach = g / (s * s);
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
