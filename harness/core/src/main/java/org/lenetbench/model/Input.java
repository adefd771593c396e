package org.lenetbench.model;

/**
 * How raw 8-bit images become the network's input: a {@code sourceSize × sourceSize} grey image
 * (MNIST: 28) is padded by {@code padding} pixels on each side with the background value, and every
 * pixel p ∈ [0, 255] is mapped linearly to {@code background + p/255 · (foreground − background)}.
 * MNIST's background is 0, so the padding takes the value {@code background}.
 */
public record Input(int sourceSize, int padding, double background, double foreground) {

    public Input {
        if (sourceSize <= 0 || padding < 0) {
            throw new IllegalArgumentException("input: sourceSize must be positive and padding ≥ 0");
        }
        if (!(foreground > background)) {
            throw new IllegalArgumentException("input: foreground must be above background");
        }
    }

    public Shape shape() {
        int size = sourceSize + 2 * padding;
        return new Shape(1, size, size);
    }

    /** The network's value for a raw pixel. */
    public float scale(int pixel) {
        return (float) (background + pixel / 255.0 * (foreground - background));
    }
}
