package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.model.Activation;
import org.lenetbench.model.Shape;

/** An element-wise activation; backward reads its output, not its input. */
public final class ActivationLayer extends ShapedLayer {
    private final int kind;

    ActivationLayer(Gpu gpu, Activation spec, Shape in) {
        super(gpu, in, in);
        this.kind = JcudaKinds.of(spec.function());
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.ACTIVATION_FORWARD, n * in.size(), x, y, kind, n * in.size());
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.ACTIVATION_BACKWARD, n * in.size(), y, dy, dx, kind, n * in.size());
        }
    }

    @Override
    public void close() {
        // nothing of its own on the device
    }
}
