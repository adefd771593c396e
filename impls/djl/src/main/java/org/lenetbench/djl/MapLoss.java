package org.lenetbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * LeNet-5's maximum a posteriori criterion over RBF distances y, batch mean:
 * {@code E = y_D + log(e^(−j) + Σ_i e^(−y_i))}, evaluated as {@code y_D + m + log(e^(−j−m) + Σ e^(−y_i−m))} with
 * {@code m = max(−j, max_i −y_i)} held out of the gradient (it cancels), so that no exponential overflows.
 */
final class MapLoss extends Loss {
    private final float j;
    private final int classes;

    MapLoss(double j, int classes) {
        super("MAP");
        this.j = (float) j;
        this.classes = classes;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray distances = predictions.singletonOrThrow();
        NDArray oneHot = labels.singletonOrThrow().oneHot(classes);
        NDArray negative = distances.neg();
        NDArray minusJ = Scalars.of(distances, -j);
        NDArray shift = negative.max(new int[] {1}).maximum(minusJ).stopGradient();
        NDArray sum = negative.sub(shift.expandDims(1)).exp().sum(new int[] {1}).add(minusJ.sub(shift).exp());
        NDArray correct = distances.mul(oneHot).sum(new int[] {1});
        return correct.add(shift).add(sum.log()).mean();
    }
}
