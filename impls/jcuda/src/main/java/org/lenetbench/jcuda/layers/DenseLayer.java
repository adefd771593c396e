package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.model.Shape;

/**
 * A fully connected layer (C5, F6, or the linear output) over its input flattened in (C, H, W) order: every
 * direction is dense.cu's tiled matrix product. The weight gradient of a batch larger than {@value #SLICE} images is
 * summed in slices of {@value #SLICE} that run in parallel, then the slices in order.
 */
public final class DenseLayer extends ShapedLayer {
    /** GEMM_TILE in dense.cu: the side of the square of outputs a block computes. */
    static final int TILE = 64;
    public static final int SLICE = 256;

    private final int activation;
    private final DeviceBuffer weight;
    private final DeviceBuffer bias;
    private final DeviceBuffer weightGradient;
    private final DeviceBuffer biasGradient;
    private final Workspace weightSlices;
    private final BatchSum weightSum;
    private final BatchSum biasSum;

    /** {@code activation}: what the forward pass applies as it stores (a {@link JcudaKinds} code). */
    DenseLayer(Gpu gpu, String name, Shape in, int outputs, ParameterSlices parameters, int activation) {
        super(gpu, in, Shape.vector(outputs));
        this.activation = activation;
        weight = parameters.value(name + ".weight");
        bias = parameters.value(name + ".bias");
        weightGradient = parameters.gradient(name + ".weight");
        biasGradient = parameters.gradient(name + ".bias");
        weightSlices = new Workspace(gpu, outputs * in.size());
        weightSum = new BatchSum(gpu, outputs * in.size());
        biasSum = new BatchSum(gpu, outputs);
    }

    /** Threads for a product of m × n in the given number of slices: a block per tile and slice. */
    private static int work(Kernel kernel, int m, int n, int slices) {
        return Math.ceilDiv(m, TILE) * Math.ceilDiv(n, TILE) * slices * kernel.threadsPerBlock();
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        int inputs = in.size();
        int outputs = out.size();
        // y = f(x · weightᵀ + bias): B(l, j) = weight[j, l]
        gpu.launch(Kernel.GEMM_PLUS_BIAS, work(Kernel.GEMM_PLUS_BIAS, n, outputs, 1),
                x, inputs, 1, weight, 1, inputs, bias, activation, y, n, outputs, inputs);
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        int inputs = in.size();
        int outputs = out.size();
        if (dx != null) { // dx = dy · weight
            gpu.launch(Kernel.GEMM, work(Kernel.GEMM, n, inputs, 1),
                    dy, outputs, 1, weight, inputs, 1, dx, n, inputs, outputs, outputs);
        }
        // dweight = dyᵀ · x: A(o, b) = dy[b, o]
        int slices = Math.ceilDiv(n, SLICE);
        DeviceBuffer target = slices == 1 ? weightGradient : weightSlices.forBatch(slices);
        gpu.launch(Kernel.GEMM, work(Kernel.GEMM, outputs, inputs, slices),
                dy, 1, outputs, x, inputs, 1, target, outputs, inputs, n, SLICE);
        if (slices > 1) {
            weightSum.sum(target, weightGradient, slices);
        }
        biasSum.sum(dy, biasGradient, n);
    }

    @Override
    public void close() {
        // its parameters and gradients belong to the network
        weightSlices.close();
        weightSum.close();
        biasSum.close();
    }
}
