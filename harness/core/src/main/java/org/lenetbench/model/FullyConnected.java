package org.lenetbench.model;

import java.util.Objects;

/**
 * A fully connected layer over its input flattened in (C, H, W) order: {@code y = W·x + b}.
 * Parameters {@code NAME.weight [outputs, inputs]} and {@code NAME.bias [outputs]}. LeNet-5's C5 is one
 * of these ({@code [120, 400]}): a 5×5 convolution over a 5×5 map is a fully connected layer.
 */
public record FullyConnected(String name, int outputs) implements Layer {

    public FullyConnected {
        Objects.requireNonNull(name);
        if (outputs <= 0) {
            throw new IllegalArgumentException(name + ": outputs must be positive");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.vector(outputs);
    }
}
