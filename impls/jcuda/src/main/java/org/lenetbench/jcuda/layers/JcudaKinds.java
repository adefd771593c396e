package org.lenetbench.jcuda.layers;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Subsampling;

/** The integer codes the kernels take for activation and subsampling kinds (lenet_common.cuh defines the same). */
public final class JcudaKinds {
    private JcudaKinds() {
    }

    /** ACT_IDENTITY: no activation fused into a layer. */
    static final int IDENTITY = 3;

    static int of(Activation.Function function) {
        return switch (function) {
            case SCALED_TANH -> 0;
            case TANH -> 1;
            case RELU -> 2;
        };
    }

    static int of(Subsampling.Kind kind) {
        return switch (kind) {
            case TRAINABLE -> 0;
            case AVERAGE -> 1;
            case MAX -> 2;
        };
    }
}
