package org.lenetbench.dl4j;

import java.util.function.Function;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer of the contract as SameDiff ops over NCHW activations ({@code [n, features]} after a fully connected
 * layer). Every parameter keeps its canonical layout — convolution weights are permuted to ND4J's YXIO inside the
 * graph, and a dense layer multiplies by the transposed {@code [out, in]} weight — so loading and reading
 * parameters copies without converting.
 */
final class SameDiffLayers {
    private final SameDiff sd;

    SameDiffLayers(SameDiff sd) {
        this.sd = sd;
    }

    SDVariable apply(Layer layer, Shape in, SDVariable x, Function<String, SDVariable> param) {
        String n = layer.name();
        return switch (layer) {
            case Convolution c -> convolution(c, in, x, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Subsampling s -> subsampling(s, in, x, param);
            case Activation a -> activation(a.function(), x);
            case FullyConnected f -> dense(x, in, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    dense(x, in, param.apply(n + ".weight"), param.apply(n + ".bias"));
            case Output o -> rbf(x, in, o.classes(), param.apply(n + ".centres"));
        };
    }

    private SDVariable convolution(Convolution c, Shape in, SDVariable x, SDVariable weight, SDVariable bias) {
        // A connection table is a constant 0/1 mask on the dense weights: the missing blocks contribute nothing
        // and their gradient is zero, so they stay zero under every optimizer.
        SDVariable masked = c.table().isPresent() ? weight.mul(sd.constant(connectionMask(c, in))) : weight;
        // conv2d reads OIYX weights, but conv2d_bp rejects them in 1.0.0-M2.1 ("Op validation failed"): the
        // graph permutes the canonical [out, in, kH, kW] to ND4J's default YXIO [kH, kW, in, out] (a few KB).
        SDVariable w = masked.permute(2, 3, 1, 0);
        Conv2DConfig config = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(1).sW(1)
                .pH(c.padding()).pW(c.padding()).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(x, w, bias, config);
    }

    /** 1 where the weight block [out, in] exists, 0 elsewhere; all ones without a connection table. */
    static INDArray connectionMask(Convolution c, Shape in) {
        int k = c.kernel(), ins = in.channels(), outs = c.maps();
        float[] mask = new float[outs * ins * k * k];
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < ins; i++) {
                if (c.connected(o, i)) {
                    java.util.Arrays.fill(mask, (o * ins + i) * k * k, (o * ins + i + 1) * k * k, 1f);
                }
            }
        }
        return Nd4j.create(mask, new long[] {outs, ins, k, k}, 'c');
    }

    private SDVariable subsampling(Subsampling s, Shape in, SDVariable x, Function<String, SDVariable> param) {
        Pooling2DConfig config = Pooling2DConfig.builder().kH(s.window()).kW(s.window()).sH(s.window()).sW(s.window())
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return switch (s.kind()) {
            case AVERAGE -> sd.cnn().avgPooling2d(x, config);
            case MAX -> sd.cnn().maxPooling2d(x, config);
            case TRAINABLE -> {
                // coef · Σwindow = (coef · w²) · mean(window); w² is exact in float.
                long maps = in.channels();
                SDVariable scale = param.apply(s.name() + ".coef").mul((double) s.window() * s.window()).reshape(1, maps, 1, 1);
                yield sd.nn().biasAdd(sd.cnn().avgPooling2d(x, config).mul(scale), param.apply(s.name() + ".bias"), true);
            }
        };
    }

    SDVariable activation(Activation.Function function, SDVariable x) {
        return switch (function) {
            case SCALED_TANH -> sd.math().tanh(x.mul(Activation.SCALED_TANH_S)).mul(Activation.SCALED_TANH_A);
            case TANH -> sd.math().tanh(x);
            case RELU -> sd.nn().relu(x, 0);
        };
    }

    /** {@code [n, C·H·W]} in NCHW order, whatever the rank of x (a no-op view for {@code [n, features]}). */
    private static SDVariable flat(SDVariable x, Shape in) {
        return x.reshape(-1, in.size());
    }

    private SDVariable dense(SDVariable x, Shape in, SDVariable weight, SDVariable bias) {
        return sd.nn().biasAdd(sd.mmul(flat(x, in), weight, false, true, false), bias, true);
    }

    /** y_i = Σ_j (x_j − c_ij)², computed as differences (not |x|² − 2x·c + |c|², which cancels in float). */
    private SDVariable rbf(SDVariable x, Shape in, int classes, SDVariable centres) {
        SDVariable rows = flat(x, in).reshape(-1, 1, in.size());
        SDVariable diff = rows.sub(centres.reshape(1, classes, in.size()));
        return diff.mul(diff).sum(2);
    }
}
