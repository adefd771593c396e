package org.lenetbench.model;

/**
 * The training criterion, always averaged over the patterns of a batch.
 * <ul>
 * <li>{@link SoftmaxCrossEntropy}: {@code E = log Σ_i e^(y_i) − y_D} over the logits y, D the correct class.</li>
 * <li>{@link Map}: LeNet-5's maximum a posteriori criterion over RBF distances y:
 *     {@code E = y_D + log(e^(−j) + Σ_i e^(−y_i))}. The paper does not give j; reimplementations use 0.1.</li>
 * </ul>
 */
public sealed interface Loss {

    record SoftmaxCrossEntropy() implements Loss {
    }

    record Map(double j) implements Loss {
        public Map {
            if (!Double.isFinite(j)) {
                throw new IllegalArgumentException("MAP loss: j must be finite");
            }
        }
    }
}
