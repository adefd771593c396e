package org.lenetbench.reference;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Shape;

/** Element-wise squashing; backward multiplies by f'(x), the curvature pass by f'(x)². */
final class ReferenceActivation extends ReferenceLayer {
    private final Activation.Function function;

    ReferenceActivation(Activation spec, Shape in) {
        super(in, in);
        this.function = spec.function();
    }

    private double f(double a) {
        return switch (function) {
            case SCALED_TANH -> Activation.SCALED_TANH_A * Math.tanh(Activation.SCALED_TANH_S * a);
            case TANH -> Math.tanh(a);
            case RELU -> a > 0 ? a : 0;
        };
    }

    private double derivative(double a) {
        return switch (function) {
            case SCALED_TANH -> {
                double t = Math.tanh(Activation.SCALED_TANH_S * a);
                yield Activation.SCALED_TANH_A * Activation.SCALED_TANH_S * (1 - t * t);
            }
            case TANH -> {
                double t = Math.tanh(a);
                yield 1 - t * t;
            }
            case RELU -> a > 0 ? 1 : 0;
        };
    }

    @Override
    public void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]);
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx) {
        if (dx == null) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            dx[i] = derivative(x[i]) * dy[i];
        }
    }

    @Override
    public void curvature(double[] x, double[] y, double[] d2y, double[] d2x) {
        if (d2x == null) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            double d = derivative(x[i]);
            d2x[i] = d * d * d2y[i];
        }
    }
}
