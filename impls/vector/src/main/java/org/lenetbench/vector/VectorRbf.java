package org.lenetbench.vector;

import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;

/** Fixed-centre RBF units: {@code y_i = Σ_j (x_j − c_ij)²}; 840 multiply-adds, scalar. */
final class VectorRbf extends VectorLayer {
    private final float[] centres;

    VectorRbf(Output spec, Shape in, FloatParameters params) {
        super(in, Shape.vector(spec.classes()));
        this.centres = params.value(spec.name() + ".centres");
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        int n = in.size();
        for (int i = 0; i < out.size(); i++) {
            float sum = 0;
            for (int j = 0; j < n; j++) {
                float d = x[j] - centres[i * n + j];
                sum += d * d;
            }
            y[i] = sum;
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        if (dx == null) {
            return;
        }
        int n = in.size();
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int i = 0; i < out.size(); i++) {
                sum += 2 * (x[j] - centres[i * n + j]) * dy[i];
            }
            dx[j] = sum;
        }
    }
}
