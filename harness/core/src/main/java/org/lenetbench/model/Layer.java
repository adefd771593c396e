package org.lenetbench.model;

/**
 * One layer of a network, from the contract's small vocabulary. A network is a sequence of these
 * ({@link ModelSpec}); backends build their own implementation from the spec, never from code.
 * Every layer has a name that is unique in its model; layers with parameters use it as the prefix of
 * their parameter names ({@code c1.weight}).
 */
public sealed interface Layer
        permits Convolution, Subsampling, Activation, FullyConnected, Output {

    String name();

    /** The shape this layer produces from {@code input}; throws if the input does not fit. */
    Shape outputShape(Shape input);
}
