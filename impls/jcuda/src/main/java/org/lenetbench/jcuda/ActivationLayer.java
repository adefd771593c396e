package org.lenetbench.jcuda;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Shape;

/** An element-wise activation; backward reads its output, not its input. */
final class ActivationLayer implements DeviceLayer {
    private final Gpu gpu;
    private final Shape shape;
    private final int kind;

    ActivationLayer(Gpu gpu, Activation spec, Shape in) {
        this.gpu = gpu;
        this.shape = in;
        this.kind = JcudaKinds.of(spec.function());
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.ACTIVATION_FORWARD, n * shape.size(), x, y, kind, n * shape.size());
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.ACTIVATION_BACKWARD, n * shape.size(), y, dy, dx, kind, n * shape.size());
        }
    }

    @Override
    public void close() {
        // nothing of its own on the device
    }
}
