package org.lenetbench.model;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One canonical parameter tensor: its state-dict name, its shape (row-major), whether training changes
 * it, and the fan-in of the unit each of its rows (index along dimension 0) feeds — what the
 * initialisers scale by. {@code mask} is false for elements that must stay zero (C3's missing connections).
 */
public record ParameterSpec(String name, int[] shape, boolean trainable, IntUnaryOperator fanInOfRow,
        ElementMask mask) {

    /** Which elements exist; the others are zero in every canonical tensor and stay zero. */
    @FunctionalInterface
    public interface ElementMask {
        ElementMask ALL = index -> true;

        boolean present(int flatIndex);
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Elements per row (per index of dimension 0). */
    public int rowSize() {
        return size() / shape[0];
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape)
                && trainable == p.trainable;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + shapeString() + (trainable ? "" : " (fixed)");
    }
}
