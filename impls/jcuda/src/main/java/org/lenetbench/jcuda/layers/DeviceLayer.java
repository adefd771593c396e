package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.model.Shape;

/**
 * One layer on the device, as a sequence of kernel launches over buffers its caller owns. Backward writes the
 * input gradient (unless {@code dx} is null: the first layer of a network needs none) and the gradients of the
 * layer's trainable parameters, summed over the batch, into the slices it was built with.
 */
public interface DeviceLayer extends AutoCloseable {

    Shape inputShape();

    Shape outputShape();

    void forward(DeviceBuffer x, DeviceBuffer y, int n);

    /** {@code x} and {@code y} are the last forward's input and output. */
    void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n);

    /** Frees the layer's own device memory (tables, workspaces); not the buffers it was given. */
    @Override
    void close();
}
