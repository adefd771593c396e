package org.lenetbench.model;


/**
 * The losses for one pattern, in double precision: the value, its gradient with respect to the scores,
 * and the weights ω that start SDLM's curvature pass.
 * <ul>
 * <li>Softmax cross-entropy: {@code E = logΣexp(y) − y_D}, {@code dE/dy_i = p_i − [i = D]},
 *     ω_i = p_i(1 − p_i) (the Gauss-Newton diagonal of the softmax).</li>
 * <li>MAP: {@code E = y_D + log(e^(−j) + Σ_i e^(−y_i))}, {@code dE/dy_i = [i = D] − e^(−y_i) / (e^(−j) + Σ_k e^(−y_k))},
 *     ω = 1 for the correct class and 0 elsewhere (the paper's term, E ≈ y_D).</li>
 * </ul>
 * Both are evaluated with the usual shift by the extreme value so that nothing overflows. Backends may use
 * this class for the per-pattern loss (ten values per pattern: the cost is negligible).
 */
public final class PatternLoss {
    private final Loss loss;

    public PatternLoss(Loss loss) {
        this.loss = loss;
    }

    /** Returns E for one pattern and writes dE/dy into {@code dy}. */
    public double lossAndGradient(double[] y, int label, double[] dy) {
        return switch (loss) {
            case Loss.SoftmaxCrossEntropy ce -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : y) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : y) {
                    sum += Math.exp(v - max);
                }
                for (int i = 0; i < y.length; i++) {
                    dy[i] = Math.exp(y[i] - max) / sum - (i == label ? 1 : 0);
                }
                yield max + Math.log(sum) - y[label];
            }
            case Loss.Map map -> {
                double min = map.j();
                for (double v : y) {
                    min = Math.min(min, v);
                }
                double sum = Math.exp(-(map.j() - min));
                for (double v : y) {
                    sum += Math.exp(-(v - min));
                }
                for (int i = 0; i < y.length; i++) {
                    dy[i] = (i == label ? 1 : 0) - Math.exp(-(y[i] - min)) / sum;
                }
                yield y[label] - min + Math.log(sum);
            }
        };
    }

    /** Writes ω, the curvature weights of the scores, into {@code omega}. */
    public void curvatureWeights(double[] y, int label, double[] omega) {
        switch (loss) {
            case Loss.SoftmaxCrossEntropy ce -> {
                lossAndGradient(y, label, omega); // omega holds p − onehot for a moment
                for (int i = 0; i < y.length; i++) {
                    double p = omega[i] + (i == label ? 1 : 0);
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
