package org.lenetbench.vector;

import org.lenetbench.model.Loss;

/**
 * The model's loss for one pattern in float32: its value, its gradient with respect to the scores, and the weights
 * ω that start SDLM's curvature pass (definitions in {@link Loss}: softmax cross-entropy and the paper's MAP
 * criterion). This backend's own, so that the cross-check compares it with the reference's. Shifted by the extreme
 * score so that nothing overflows; the exponentials are rounded to float from {@link Math#exp}.
 */
final class FloatLoss {
    private final Loss loss;

    FloatLoss(Loss loss) {
        this.loss = loss;
    }

    /** Returns E for one pattern and writes dE/dy into {@code dy}. */
    float lossAndGradient(float[] y, int label, float[] dy) {
        return switch (loss) {
            case Loss.SoftmaxCrossEntropy ce -> {
                float max = Float.NEGATIVE_INFINITY;
                for (float v : y) {
                    max = Math.max(max, v);
                }
                float sum = 0;
                for (int i = 0; i < y.length; i++) {
                    dy[i] = (float) Math.exp(y[i] - max);
                    sum += dy[i];
                }
                for (int i = 0; i < y.length; i++) {
                    dy[i] = dy[i] / sum - (i == label ? 1 : 0);
                }
                yield max + (float) Math.log(sum) - y[label];
            }
            case Loss.Map map -> {
                float j = (float) map.j();
                float min = j;
                for (float v : y) {
                    min = Math.min(min, v);
                }
                float sum = (float) Math.exp(-(j - min));
                for (int i = 0; i < y.length; i++) {
                    dy[i] = (float) Math.exp(-(y[i] - min));
                    sum += dy[i];
                }
                for (int i = 0; i < y.length; i++) {
                    dy[i] = (i == label ? 1 : 0) - dy[i] / sum;
                }
                yield y[label] - min + (float) Math.log(sum);
            }
        };
    }

    /**
     * Writes ω into {@code omega}: p(1 − p) of each softmax output (the Gauss-Newton diagonal of cross-entropy), or
     * for MAP the paper's term E ≈ y_D, 1 for the correct class and 0 elsewhere.
     */
    void curvatureWeights(float[] y, int label, float[] omega) {
        switch (loss) {
            case Loss.SoftmaxCrossEntropy ce -> {
                lossAndGradient(y, label, omega); // p − onehot for a moment
                for (int i = 0; i < y.length; i++) {
                    float p = omega[i] + (i == label ? 1 : 0);
                    omega[i] = p * (1 - p);
                }
            }
            case Loss.Map map -> {
                java.util.Arrays.fill(omega, 0);
                omega[label] = 1;
            }
        }
    }
}
