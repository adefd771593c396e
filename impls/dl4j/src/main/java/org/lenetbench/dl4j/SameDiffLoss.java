package org.lenetbench.dl4j;

import org.lenetbench.model.Loss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The contract's losses as SameDiff ops: the mean over the batch of the per-pattern loss. */
final class SameDiffLoss {
    private SameDiffLoss() {
    }

    /** {@code oneHot} is {@code [n, classes]}, 1 at the correct class. */
    static SDVariable mean(SameDiff sd, Loss loss, SDVariable scores, SDVariable oneHot) {
        SDVariable correct = scores.mul(oneHot).sum(true, 1);
        SDVariable perPattern = switch (loss) {
            // E = log Σ e^(y_i) − y_D
            case Loss.SoftmaxCrossEntropy ce -> logSumExp(sd, scores).sub(correct);
            // E = y_D + log(e^(−j) + Σ e^(−y_i)): a log-sum-exp over [−j, −y_0 … −y_9]
            case Loss.Map map -> {
                SDVariable minusJ = oneHot.sum(true, 1).mul(-map.j()); // [n, 1] of −j (each one-hot row sums to 1)
                yield correct.add(logSumExp(sd, sd.concat(1, minusJ, scores.neg())));
            }
        };
        return perPattern.mean();
    }

    /**
     * log Σ_i e^(x_i) per row, {@code [n, 1]}, as m + log Σ e^(x_i − m) with m the row's maximum, so that no
     * exponential overflows. Written out because ND4J's reduce_logsumexp has no keep-dimensions form and its
     * gradient fails on {@code [n]} in 1.0.0-M2.1 (reduce_sum_bp: "reshapei: bad input shape"). The gradient through
     * m is 1 − Σ softmax = 0.
     */
    private static SDVariable logSumExp(SameDiff sd, SDVariable x) {
        SDVariable m = x.max(true, 1);
        return m.add(sd.math().log(sd.math().exp(x.sub(m)).sum(true, 1)));
    }
}
