package org.lenetbench.vector;

import org.lenetbench.optim.OptimizerSpec;

/**
 * The harness's optimizers ({@link OptimizerSpec}) in float32 over the trainable parameters in canonical
 * order: the same formulas, element by element; the scalars of Adam's bias correction in double, Adam's update
 * through {@link FloatOps#adamStep}.
 */
final class FloatOptimizer {
    private final OptimizerSpec spec;
    private final FloatOps ops;
    private final float[][] first;
    private final float[][] second;
    private float[][] curvature;
    private long step;

    FloatOptimizer(OptimizerSpec spec, FloatParameters params, FloatOps ops) {
        this.spec = spec;
        this.ops = ops;
        this.first = params.newGradients();
        this.second = params.newGradients();
    }

    OptimizerSpec spec() {
        return spec;
    }

    void setCurvature(float[][] h) {
        this.curvature = h;
    }

    /** Counts the step that the following {@link #apply} calls take (Adam's bias correction depends on it). */
    void beginStep() {
        if (spec instanceof OptimizerSpec.Sdlm && curvature == null) {
            throw new IllegalStateException("SDLM: no curvature set before the step");
        }
        step++;
    }

    /**
     * Elements [from, to) of trainable tensor k: {@code values[from..to)} from {@code gradients[from..to)}. A step
     * may be applied in pieces, by several threads: each element's update depends on that element alone.
     */
    void apply(int k, float[] w, float[] g, int from, int to, double learningRate) {
        switch (spec) {
            case OptimizerSpec.Sgd sgd -> {
                float[] v = first[k];
                float mu = (float) sgd.momentum();
                float lr = (float) learningRate;
                for (int i = from; i < to; i++) {
                    v[i] = mu * v[i] + g[i];
                    w[i] -= lr * v[i];
                }
            }
            case OptimizerSpec.Adam adam -> {
                float c1 = (float) (1 / (1 - Math.pow(adam.beta1(), step)));
                float c2 = (float) (1 / (1 - Math.pow(adam.beta2(), step)));
                ops.adamStep(w, g, first[k], second[k], from, to, (float) adam.beta1(), (float) adam.beta2(), c1, c2,
                        (float) learningRate, (float) adam.epsilon());
            }
            case OptimizerSpec.Sdlm sdlm -> {
                float[] h = curvature[k];
                for (int i = from; i < to; i++) {
                    w[i] -= (float) (learningRate / (sdlm.mu() + h[i])) * g[i];
                }
            }
        }
    }
}
