package org.lenetbench.dl4j;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One layer's forward and backward as single libnd4j ops on NCHW arrays — conv2d / conv2d_bp, avgpool2d /
 * avgpool2d_bp, maxpool2d / maxpool2d_bp, gemm — the kernels SameDiff runs inside a network, without its graph
 * machinery. Outputs and gradients go into arrays allocated once per kernel where the op allows it.
 */
final class Nd4jLayerOps {
    private static final int NCHW = 0;
    private static final int YXIO = 0;

    private Nd4jLayerOps() {
    }

    /** conv2d with explicit zero padding, stride 1; weights YXIO {@code [kH, kW, in, out]}. */
    static void convolution(Convolution c, INDArray x, INDArray weightYxio, INDArray bias, INDArray y) {
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, weightYxio, bias).addOutputs(y)
                .addIntegerArguments(convolutionArguments(c)).build());
    }

    /** conv2d_bp: the input gradient, and the weight (YXIO) and bias gradients summed over the batch. */
    static void convolutionBackward(Convolution c, INDArray x, INDArray weightYxio, INDArray bias, INDArray dy,
            INDArray dx, INDArray dWeightYxio, INDArray dBias) {
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, weightYxio, bias, dy)
                .addOutputs(dx, dWeightYxio, dBias).addIntegerArguments(convolutionArguments(c)).build());
    }

    private static int[] convolutionArguments(Convolution c) {
        int k = c.kernel(), p = c.padding();
        // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0 = explicit pads), data format, weights format
        return new int[] {k, k, 1, 1, p, p, 1, 1, 0, NCHW, YXIO};
    }

    /** avgpool2d or maxpool2d over non-overlapping windows. */
    static void pool(Subsampling s, INDArray x, INDArray y) {
        Nd4j.exec(DynamicCustomOp.builder(poolOp(s)).addInputs(x).addOutputs(y).addIntegerArguments(poolArguments(s))
                .build());
    }

    /** avgpool2d_bp or maxpool2d_bp: the input gradient of {@link #pool}. */
    static void poolBackward(Subsampling s, INDArray x, INDArray dy, INDArray dx) {
        Nd4j.exec(DynamicCustomOp.builder(poolOp(s) + "_bp").addInputs(x, dy).addOutputs(dx)
                .addIntegerArguments(poolArguments(s)).build());
    }

    private static String poolOp(Subsampling s) {
        return s.kind() == Subsampling.Kind.MAX ? "maxpool2d" : "avgpool2d";
    }

    private static int[] poolArguments(Subsampling s) {
        int w = s.window();
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, divisor (0: padding excluded; there is none), NHWC
        return new int[] {w, w, w, w, 0, 0, 1, 1, 0, 0, 0};
    }

    /** y = pooled · scale[c] + bias[c] over {@code [n, C, H, W]}. */
    static void scaleAndShift(INDArray pooled, INDArray scale, INDArray bias, INDArray y) {
        Nd4j.exec(new BroadcastMulOp(pooled, scale, y, 1));
        Nd4j.exec(new BroadcastAddOp(y, bias, y, 1));
    }

    /** {@code a ← a · scale[c]} over {@code [n, C, H, W]}. */
    static void scale(INDArray a, INDArray scale) {
        Nd4j.exec(new BroadcastMulOp(a, scale, a, 1));
    }

    /**
     * The activation forward; {@code saved} keeps what the backward needs: tanh(S·x) for the tanh forms, the input
     * for ReLU.
     */
    static void activation(Activation.Function f, INDArray x, INDArray saved, INDArray y) {
        switch (f) {
            case SCALED_TANH -> {
                Transforms.tanh(saved.assign(x).muli(Activation.SCALED_TANH_S), false);
                y.assign(saved).muli(Activation.SCALED_TANH_A);
            }
            case TANH -> Transforms.tanh(y.assign(x), false);
            case RELU -> {
                saved.assign(x);
                Transforms.relu(y.assign(x), false);
            }
        }
    }

    static void activationBackward(Activation.Function f, INDArray saved, INDArray y, INDArray dy, INDArray dx) {
        switch (f) {
            // f'(a) = A·S·(1 − tanh²(S·a))
            case SCALED_TANH -> dx.assign(saved).muli(saved).rsubi(1)
                    .muli(Activation.SCALED_TANH_A * Activation.SCALED_TANH_S).muli(dy);
            case TANH -> dx.assign(y).muli(y).rsubi(1).muli(dy);
            // the derivative at 0 is taken as 0
            case RELU -> dx.assign(saved.gt(0).castTo(dx.dataType())).muli(dy);
        }
    }

    /** y = x·Wᵀ + b with W {@code [out, in]}, x {@code [n, in]}. */
    static void dense(INDArray x, INDArray weight, INDArray bias, INDArray y) {
        Nd4j.gemm(x, weight, y, false, true, 1.0, 0.0);
        y.addiRowVector(bias);
    }

    static void denseBackward(INDArray x, INDArray weight, INDArray dy, INDArray dx, INDArray dWeight, INDArray dBias) {
        Nd4j.gemm(dy, weight, dx, false, false, 1.0, 0.0);
        Nd4j.gemm(dy, x, dWeight, true, false, 1.0, 0.0);
        dBias.assign(dy.sum(0));
    }

    /** y_nc = Σ_j (x_nj − c_cj)²; {@code diff} ({@code [n, classes, in]}) keeps the differences for backward. */
    static void rbf(INDArray x, INDArray centres, INDArray diff, INDArray y) {
        long n = x.size(0), classes = centres.size(0), in = centres.size(1);
        diff.assign(x.reshape(n, 1, in).broadcast(n, classes, in)).subi(centres.reshape(1, classes, in).broadcast(n, classes, in));
        y.assign(diff.mul(diff).sum(2));
    }

    /** dx_nj = 2·Σ_c dy_nc·(x_nj − c_cj). */
    static void rbfBackward(INDArray diff, INDArray dy, INDArray dx) {
        long n = diff.size(0), classes = diff.size(1), in = diff.size(2);
        dx.assign(diff.mul(dy.reshape(n, classes, 1).broadcast(n, classes, in)).sum(1).muli(2));
    }

    /** The ND4J shape of a batch of activations: {@code [n, C, H, W]}, or {@code [n, C]} for a vector. */
    static long[] activationShape(Shape s, long n) {
        return s.height() == 1 && s.width() == 1 ? new long[] {n, s.channels()}
                : new long[] {n, s.channels(), s.height(), s.width()};
    }
}
