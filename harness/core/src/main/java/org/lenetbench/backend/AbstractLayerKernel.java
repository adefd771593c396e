package org.lenetbench.backend;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Shape;

/**
 * What every {@link LayerKernel} has: its layer's name and shapes, the batch size, the length checks of the
 * setters and getters, and the closed state. A backend extends it and writes the computation and
 * {@link #release()}.
 */
public abstract class AbstractLayerKernel implements LayerKernel {
    private final String layerName;
    private final int batchSize;
    private final Shape inputShape;
    private final Shape outputShape;
    private final String backendId;
    private boolean closed;

    protected AbstractLayerKernel(String backendId, ModelSpec model, String layerName, int batchSize) {
        this(backendId, layerName, batchSize, model.inputShapeOf(layerName), model.outputShapeOf(layerName));
    }

    protected AbstractLayerKernel(String backendId, String layerName, int batchSize, Shape inputShape, Shape outputShape) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(layerName + ": batch size must be ≥ 1, got " + batchSize);
        }
        this.backendId = backendId;
        this.layerName = layerName;
        this.batchSize = batchSize;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public final String layerName() {
        return layerName;
    }

    @Override
    public final int batchSize() {
        return batchSize;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    /** Throws unless {@code array} holds exactly a batch of {@code shape}; {@code what} names it in the message. */
    protected final void requireBatchOf(String what, float[] array, Shape shape) {
        if (array.length != batchSize * shape.size()) {
            throw new IllegalArgumentException(layerName + ": " + what + " has " + array.length + " floats, expected "
                    + batchSize + " × " + shape + " = " + batchSize * shape.size());
        }
    }

    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(backendId + " layer kernel " + layerName + " is closed");
        }
    }

    /** Frees what the kernel holds; called once, by the first {@link #close()}. */
    protected abstract void release();

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
