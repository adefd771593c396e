package org.lenetbench.backend;

import java.util.Arrays;

import org.lenetbench.model.Shape;

/**
 * A reusable batch: up to {@code capacity} images in NCHW float layout plus their labels. The harness
 * fills it ({@code images[0 .. size·C·H·W)}, {@code labels[0 .. size)}) and sets the size; a backend reads
 * it and converts to its own layout inside. The arrays are never reallocated.
 */
public final class Batch {
    private final Shape imageShape;
    private final float[] images;
    private final int[] labels;
    private int size;

    public Batch(Shape imageShape, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be positive");
        }
        this.imageShape = imageShape;
        this.images = new float[capacity * imageShape.size()];
        this.labels = new int[capacity];
        this.size = capacity;
    }

    public Shape imageShape() {
        return imageShape;
    }

    public int capacity() {
        return labels.length;
    }

    public int size() {
        return size;
    }

    public void setSize(int size) {
        if (size <= 0 || size > capacity()) {
            throw new IllegalArgumentException("batch size " + size + " outside 1.." + capacity());
        }
        this.size = size;
    }

    /** NCHW; only the first {@code size() · imageShape().size()} floats are meaningful. */
    public float[] images() {
        return images;
    }

    public int[] labels() {
        return labels;
    }

    /** A copy holding only the first {@code size()} samples (for tests and tools, not for hot loops). */
    public Batch copy() {
        Batch b = new Batch(imageShape, size);
        System.arraycopy(images, 0, b.images, 0, size * imageShape.size());
        System.arraycopy(labels, 0, b.labels, 0, size);
        return b;
    }

    @Override
    public String toString() {
        return "Batch[" + size + " x " + imageShape + ", labels " + Arrays.toString(Arrays.copyOf(labels, Math.min(size, 8)))
                + (size > 8 ? "…" : "") + "]";
    }
}
