package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.model.Shape;

/**
 * A layer and the activation after it, as a network runs them. The layer was built with the activation fused into
 * its forward kernel, which applies it as it stores: one pass over the output instead of two. Backward turns the
 * gradient of the activation's output into that of its input (activation_backward, from the output), then runs the
 * layer's backward.
 */
public final class FusedLayer implements DeviceLayer {
    private final DeviceLayer layer;
    private final ActivationLayer activation;
    private final Workspace preActivationGradient;

    FusedLayer(Gpu gpu, DeviceLayer layer, ActivationLayer activation) {
        this.layer = layer;
        this.activation = activation;
        this.preActivationGradient = new Workspace(gpu, layer.outputShape().size());
    }

    @Override
    public Shape inputShape() {
        return layer.inputShape();
    }

    @Override
    public Shape outputShape() {
        return activation.outputShape();
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        layer.forward(x, y, n);
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        DeviceBuffer da = preActivationGradient.forBatch(n);
        activation.backward(null, y, dy, da, n);
        // the layers that fuse (convolution, subsampling, dense) do not read their output in backward, and the
        // output before the activation is not kept
        layer.backward(x, null, da, dx, n);
    }

    @Override
    public void close() {
        layer.close();
        activation.close();
        preActivationGradient.close();
    }
}
