package org.lenetbench.model;

import java.util.Objects;

/**
 * An element-wise squashing function. Its name is the name of the layer it follows plus {@code .act}.
 * <ul>
 * <li>{@link Function#SCALED_TANH}: {@code f(a) = A·tanh(S·a)} with the paper's A = 1.7159, S = 2/3.</li>
 * <li>{@link Function#TANH}: {@code tanh(a)}.</li>
 * <li>{@link Function#RELU}: {@code max(0, a)}; its derivative at 0 is taken as 0.</li>
 * </ul>
 */
public record Activation(String name, Function function) implements Layer {

    /** LeCun 1998, Appendix A. */
    public static final double SCALED_TANH_A = 1.7159;
    public static final double SCALED_TANH_S = 2.0 / 3.0;

    public enum Function { SCALED_TANH, TANH, RELU }

    public Activation {
        Objects.requireNonNull(name);
        Objects.requireNonNull(function);
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }
}
