package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.model.Shape;

/** LeNet-5's Euclidean RBF output over fixed centres (nothing to train). */
public final class RbfLayer extends ShapedLayer {
    private final DeviceBuffer centres;

    RbfLayer(Gpu gpu, String name, Shape in, int classes, ParameterSlices parameters) {
        super(gpu, in, Shape.vector(classes));
        this.centres = parameters.value(name + ".centres");
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.RBF_FORWARD, n * out.size(), x, centres, y, n, in.size(), out.size());
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.RBF_BACKWARD_INPUT, n * in.size(), x, centres, dy, dx, n, in.size(), out.size());
        }
    }

    @Override
    public void close() {
        // the centres belong to the network
    }
}
