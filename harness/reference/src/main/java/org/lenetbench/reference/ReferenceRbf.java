package org.lenetbench.reference;

import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;

/**
 * Euclidean RBF units with fixed centres: {@code y_i = Σ_j (x_j − c_ij)²}. The centres get no gradient.
 * In the curvature pass the incoming values are the loss's weights ω_i of each distance (for MAP: 1 for the
 * correct class, the paper's choice), and each distance's own second derivative is 2 per input:
 * {@code ∂²E/∂x_j² = 2 · Σ_i ω_i}.
 */
final class ReferenceRbf extends ReferenceLayer {
    private final double[] centres;

    ReferenceRbf(Output spec, Shape in, ParameterStore store) {
        super(in, Shape.vector(spec.classes()));
        this.centres = store.value(spec.name() + ".centres");
    }

    @Override
    public void forward(double[] x, double[] y) {
        int n = in.size();
        for (int i = 0; i < out.size(); i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double d = x[j] - centres[i * n + j];
                sum += d * d;
            }
            y[i] = sum;
        }
    }

    @Override
    public void backward(double[] x, double[] y, double[] dy, double[] dx) {
        if (dx == null) {
            return;
        }
        int n = in.size();
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < out.size(); i++) {
                sum += 2 * (x[j] - centres[i * n + j]) * dy[i];
            }
            dx[j] = sum;
        }
    }

    @Override
    public void curvature(double[] x, double[] y, double[] d2y, double[] d2x) {
        if (d2x == null) {
            return;
        }
        double weight = 0;
        for (double w : d2y) {
            weight += w;
        }
        java.util.Arrays.fill(d2x, 2 * weight);
    }
}
