package org.lenetbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for operations that autograd records. DJL turns a Java number operand ({@code x.mul(2f)}) into a 0-d
 * tensor over a direct ByteBuffer that only the operand's Java wrapper keeps alive; autograd saves that tensor
 * for the backward pass (the gradient of {@code x·s} is {@code g·s}), the wrapper is closed and collected, and
 * the garbage collector frees the buffer while the graph still points at it. Backward then reads freed memory:
 * with a 2 MB young generation, lenet5 (scaled tanh) reached NaN within 4–150 steps, and at normal heap sizes
 * rarely — a NaN in one of several 10-epoch runs, and runs that were not bit-identical. A scalar made by
 * PyTorch itself ({@code full}) owns its memory, which the graph keeps alive.
 */
final class Scalars {
    private Scalars() {
    }

    /** A 0-d float tensor holding {@code value}, owned by PyTorch, in {@code like}'s manager. */
    static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, DataType.FLOAT32);
    }
}
