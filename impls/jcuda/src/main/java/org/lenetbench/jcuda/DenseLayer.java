package org.lenetbench.jcuda;

import org.lenetbench.model.Shape;

/** A fully connected layer (C5, F6, or the linear output) over its input flattened in (C, H, W) order. */
final class DenseLayer extends ShapedLayer {
    private final DeviceBuffer weight;
    private final DeviceBuffer bias;
    private final DeviceBuffer weightGradient;
    private final DeviceBuffer biasGradient;

    DenseLayer(Gpu gpu, String name, Shape in, int outputs, ParameterSlices parameters) {
        super(gpu, in, Shape.vector(outputs));
        weight = parameters.value(name + ".weight");
        bias = parameters.value(name + ".bias");
        weightGradient = parameters.gradient(name + ".weight");
        biasGradient = parameters.gradient(name + ".bias");
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.DENSE_FORWARD, n * out.size(), x, weight, bias, y, n, in.size(), out.size());
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.DENSE_BACKWARD_INPUT, n * in.size(), dy, weight, dx, n, in.size(), out.size());
        }
        gpu.launch(Kernel.DENSE_BACKWARD_PARAMS, out.size() * (in.size() + 1), x, dy, weightGradient, biasGradient,
                n, in.size(), out.size());
    }

    @Override
    public void close() {
        // its parameters and gradients belong to the network
    }
}
