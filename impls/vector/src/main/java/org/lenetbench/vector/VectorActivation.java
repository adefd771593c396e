package org.lenetbench.vector;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Shape;

/** Element-wise squashing; tanh through {@link FloatOps#scaledTanh} ({@link RationalTanh}). */
final class VectorActivation extends VectorLayer {
    private static final float A = (float) Activation.SCALED_TANH_A;
    private static final float S = (float) Activation.SCALED_TANH_S;
    private final Activation.Function function;
    private final FloatOps ops;
    private final int lanes;

    VectorActivation(Activation spec, Shape in, FloatOps ops) {
        super(in, in);
        this.function = spec.function();
        this.ops = ops;
        this.lanes = ops.lanes();
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        forward(x, y, in.size());
    }

    /** Element-wise: the layout does not matter, a group in lanes is just lanes() times as many elements. */
    @Override
    boolean inLanes(boolean withInputGradient) {
        return lanes > 1;
    }

    @Override
    void forwardInLanes(float[] x, float[] y, float[] scratch) {
        forward(x, y, in.size() * lanes);
    }

    @Override
    void backwardInLanes(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        if (dx != null) {
            backward(x, y, dy, dx, in.size() * lanes);
        }
    }

    private void forward(float[] x, float[] y, int n) {
        switch (function) {
            case SCALED_TANH -> ops.scaledTanh(A, S, x, y, n);
            case TANH -> ops.scaledTanh(1f, 1f, x, y, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(0f, x[i]);
                }
            }
        }
    }

    /** The derivative from the output y, which forward already computed: no second tanh. */
    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        if (dx != null) {
            backward(x, y, dy, dx, in.size());
        }
    }

    private void backward(float[] x, float[] y, float[] dy, float[] dx, int n) {
        switch (function) {
            case SCALED_TANH -> {
                // f = A·tanh(S·a)  ⇒  f' = A·S·(1 − tanh²) = S·(A − f²/A)
                for (int i = 0; i < n; i++) {
                    dx[i] = S * (A - y[i] * y[i] / A) * dy[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (1 - y[i] * y[i]) * dy[i];
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0 ? dy[i] : 0f;
                }
            }
        }
    }
}
