package org.lenetbench.vector;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Shape;

/** Element-wise squashing: tanh through {@link FloatOps#scaledTanh} ({@link RationalTanh}), ReLU through {@link FloatOps#relu}. */
final class VectorActivation extends VectorLayer {
    private static final RationalTanh SCALED_TANH = RationalTanh.scaled((float) Activation.SCALED_TANH_A,
            (float) Activation.SCALED_TANH_S);
    /** The tanh of this layer, or null for ReLU. */
    private final RationalTanh tanh;
    private final FloatOps ops;
    private final int lanes;

    VectorActivation(Activation spec, Shape in, FloatOps ops) {
        super(in, in);
        this.tanh = switch (spec.function()) {
            case SCALED_TANH -> SCALED_TANH;
            case TANH -> RationalTanh.TANH;
            case RELU -> null;
        };
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
    void forwardInLanes(float[] x, float[] y, float[] scratch, RationalTanh squash) {
        requireNone(squash);
        forward(x, y, in.size() * lanes);
    }

    @Override
    void backwardInLanes(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch,
            RationalTanh squashedInput) {
        requireNone(squashedInput);
        if (dx != null) {
            backward(x, y, dy, dx, in.size() * lanes);
        }
    }

    private static void requireNone(RationalTanh fused) {
        if (fused != null) {
            throw new IllegalArgumentException("an activation layer takes no tanh of a neighbour");
        }
    }

    @Override
    RationalTanh tanh() {
        return tanh;
    }

    private void forward(float[] x, float[] y, int n) {
        if (tanh != null) {
            ops.scaledTanh(tanh, x, 0, y, 0, n);
        } else {
            ops.relu(x, y, n);
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
        if (tanh != null) {
            ops.scaledTanhBackward(tanh, y, dy, dx, n);
        } else {
            ops.reluBackward(x, dy, dx, n);
        }
    }
}
