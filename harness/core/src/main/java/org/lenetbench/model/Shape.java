package org.lenetbench.model;

/** The shape of one sample's activations: channels × height × width (a flat vector is {@code c × 1 × 1}). */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape vector(int length) {
        return new Shape(length, 1, 1);
    }

    /** Number of floats per sample. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
