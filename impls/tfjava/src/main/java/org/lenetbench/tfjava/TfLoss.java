package org.lenetbench.tfjava;

import org.lenetbench.model.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The contract's losses as TensorFlow ops: the mean over the batch of the per-pattern loss. */
final class TfLoss {
    private TfLoss() {
    }

    static Operand<TFloat32> mean(Ops tf, Loss loss, Operand<TFloat32> scores, Operand<TInt32> labels, int classes) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perPattern = switch (loss) {
            // The fused op: its gradient is softmax − one-hot (the sparse variant has no gradient in TF Java).
            case Loss.SoftmaxCrossEntropy ce -> tf.nn.softmaxCrossEntropyWithLogits(scores, oneHot).loss();
            case Loss.Map map -> map(tf, map.j(), scores, oneHot);
        };
        return tf.math.mean(perPattern, tf.constant(0));
    }

    /**
     * E = y_D + log(e^(−j) + Σ_i e^(−y_i)), evaluated as y_D + m + log(e^(−j−m) + Σ e^(−y_i−m)) with
     * m = max(−j, max_i −y_i) held out of the gradient (it cancels), so that no exponential overflows.
     */
    private static Operand<TFloat32> map(Ops tf, double j, Operand<TFloat32> distances, Operand<TFloat32> oneHot) {
        Operand<TInt32> classAxis = tf.constant(1);
        Operand<TFloat32> negative = tf.math.neg(distances);
        Operand<TFloat32> minusJ = tf.constant((float) -j);
        Operand<TFloat32> shift = tf.stopGradient(tf.math.maximum(tf.reduceMax(negative, classAxis), minusJ));
        Operand<TFloat32> sum = tf.math.add(tf.math.exp(tf.math.sub(minusJ, shift)),
                tf.reduceSum(tf.math.exp(tf.math.sub(negative, tf.expandDims(shift, classAxis))), classAxis));
        Operand<TFloat32> correct = tf.reduceSum(tf.math.mul(distances, oneHot), classAxis);
        return tf.math.add(correct, tf.math.add(shift, tf.math.log(sum)));
    }
}
