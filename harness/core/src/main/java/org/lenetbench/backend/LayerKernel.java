package org.lenetbench.backend;

import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;

/**
 * One layer of a network, forward and backward, over buffers the kernel owns, so that {@link #forward()}
 * and {@link #backward()} can be timed alone. Inputs and outputs cross the boundary in NCHW
 * ({@code [batch, C, H, W]} flattened) only through the setters and getters, which are not timed.
 *
 * <p>{@link #backward()} back-propagates the output gradient set with {@link #setOutputGradient}: it
 * computes the input gradient and the gradients of this layer's trainable parameters, summed over the
 * batch (the gradient of {@code Σ_n ⟨dy_n, y_n⟩}). It uses the activations of the last {@link #forward()}.
 */
public interface LayerKernel extends AutoCloseable {

    String layerName();

    int batchSize();

    Shape inputShape();

    Shape outputShape();

    /** {@code x.length == batchSize · inputShape().size()}. */
    void setInput(float[] x);

    /** {@code dy.length == batchSize · outputShape().size()}. */
    void setOutputGradient(float[] dy);

    void forward();

    void backward();

    /** Copies the last forward's output into {@code y}. */
    void output(float[] y);

    /** Copies the last backward's input gradient into {@code dx}. */
    void inputGradient(float[] dx);

    /** The last backward's parameter gradients (empty for a layer without trainable parameters). */
    NamedTensors parameterGradients();

    @Override
    void close();
}
