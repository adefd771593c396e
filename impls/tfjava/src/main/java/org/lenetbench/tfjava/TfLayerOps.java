package org.lenetbench.tfjava;

import java.util.List;
import java.util.function.Function;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One layer of the contract as TensorFlow ops over NHWC activations ({@code [n, features]} after a fully
 * connected layer). Parameters come from a function of their canonical name, already in
 * {@link TfLayout}'s layout: variables in a network's graph, constants in a single-layer graph.
 */
final class TfLayerOps {
    private final Ops tf;

    TfLayerOps(Ops tf) {
        this.tf = tf;
    }

    Operand<TFloat32> apply(Layer layer, Shape in, Operand<TFloat32> x, Function<String, Operand<TFloat32>> param) {
        String n = layer.name();
        return switch (layer) {
            case Convolution c -> convolution(c, in, x, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Subsampling s -> subsampling(s, x, param);
            case Activation a -> activation(a.function(), x);
            case FullyConnected f -> dense(x, in, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    dense(x, in, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Output o -> rbf(x, in, param.apply(n + ".centres"));
        };
    }

    private Operand<TFloat32> convolution(Convolution c, Shape in, Operand<TFloat32> x, Operand<TFloat32> weight,
            Operand<TFloat32> bias) {
        // A connection table is a constant 0/1 mask on the dense weights: the missing blocks contribute
        // nothing and their gradient is zero, so they stay zero under every optimizer.
        Operand<TFloat32> w = c.table().isPresent() ? tf.math.mul(weight, connectionMask(c, in)) : weight;
        Operand<TFloat32> padded = x;
        String padding = "VALID";
        if (c.padding() > 0 && 2 * c.padding() == c.kernel() - 1) {
            padding = "SAME"; // stride 1, odd kernel: exactly `padding` zeros on each side
        } else if (c.padding() > 0) {
            int p = c.padding();
            padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));
        }
        Operand<TFloat32> conv = tf.nn.conv2d(padded, w, List.of(1L, 1L, 1L, 1L), padding);
        return tf.nn.biasAdd(conv, bias);
    }

    private Operand<TFloat32> connectionMask(Convolution c, Shape in) {
        int k = c.kernel(), ins = in.channels(), outs = c.maps();
        float[] mask = new float[k * k * ins * outs];
        for (int p = 0; p < k * k; p++) {
            for (int i = 0; i < ins; i++) {
                for (int o = 0; o < outs; o++) {
                    mask[(p * ins + i) * outs + o] = c.connected(o, i) ? 1f : 0f;
                }
            }
        }
        return tf.constant(org.tensorflow.ndarray.Shape.of(k, k, ins, outs), DataBuffers.of(mask, true, false));
    }

    private Operand<TFloat32> subsampling(Subsampling s, Operand<TFloat32> x, Function<String, Operand<TFloat32>> param) {
        long w = s.window();
        List<Long> window = List.of(1L, w, w, 1L);
        return switch (s.kind()) {
            case AVERAGE -> tf.nn.avgPool(x, window, window, "VALID");
            case MAX -> tf.nn.maxPool(x, tf.constant(new int[] {1, (int) w, (int) w, 1}),
                    tf.constant(new int[] {1, (int) w, (int) w, 1}), "VALID");
            case TRAINABLE -> {
                // coef · Σwindow = (coef · w²) · mean(window); both factors of w² are exact in float.
                Operand<TFloat32> mean = tf.nn.avgPool(x, window, window, "VALID");
                Operand<TFloat32> scale = tf.math.mul(param.apply(s.name() + ".coef"), tf.constant((float) (w * w)));
                yield tf.nn.biasAdd(tf.math.mul(mean, scale), param.apply(s.name() + ".bias"));
            }
        };
    }

    Operand<TFloat32> activation(Activation.Function function, Operand<TFloat32> x) {
        return switch (function) {
            case SCALED_TANH -> tf.math.mul(tf.constant((float) Activation.SCALED_TANH_A),
                    tf.math.tanh(tf.math.mul(x, tf.constant((float) Activation.SCALED_TANH_S))));
            case TANH -> tf.math.tanh(x);
            case RELU -> tf.nn.relu(x);
        };
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, Shape in, Operand<TFloat32> weight, Operand<TFloat32> bias) {
        Operand<TFloat32> flat = TfLayout.isVector(in) ? x : tf.reshape(x, tf.constant(new int[] {-1, in.size()}));
        return tf.nn.biasAdd(tf.linalg.matMul(flat, weight), bias);
    }

    /** y_i = Σ_j (x_j − c_ij)², computed as differences (not |x|² − 2x·c + |c|², which cancels in float). */
    private Operand<TFloat32> rbf(Operand<TFloat32> x, Shape in, Operand<TFloat32> centres) {
        Operand<TFloat32> flat = TfLayout.isVector(in) ? x : tf.reshape(x, tf.constant(new int[] {-1, in.size()}));
        Operand<TFloat32> diff = tf.math.squaredDifference(tf.expandDims(flat, tf.constant(1)), centres);
        return tf.reduceSum(diff, tf.constant(2));
    }
}
