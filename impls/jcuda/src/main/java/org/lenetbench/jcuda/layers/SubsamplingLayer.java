package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/** Trainable (S2/S4 of LeNet-5), average or max subsampling; the trainable one's gradients per image, then summed. */
public final class SubsamplingLayer extends ShapedLayer {
    private final int kind;
    private final int activation;
    private final int window;
    private final boolean trainable;
    private final DeviceBuffer coef;
    private final DeviceBuffer bias;
    private final DeviceBuffer coefGradient;
    private final DeviceBuffer biasGradient;
    private final Workspace coefPartial;
    private final Workspace biasPartial;
    private final BatchSum coefSum;
    private final BatchSum biasSum;

    /** {@code activation}: what the forward pass applies as it stores (a {@link JcudaKinds} code). */
    SubsamplingLayer(Gpu gpu, Subsampling spec, Shape in, ParameterSlices parameters, int activation) {
        super(gpu, in, spec.outputShape(in));
        this.activation = activation;
        this.kind = JcudaKinds.of(spec.kind());
        this.window = spec.window();
        this.trainable = spec.kind() == Subsampling.Kind.TRAINABLE;
        if (trainable) {
            coef = parameters.value(spec.name() + ".coef");
            bias = parameters.value(spec.name() + ".bias");
            coefGradient = parameters.gradient(spec.name() + ".coef");
            biasGradient = parameters.gradient(spec.name() + ".bias");
        } else {
            // the kernels take coef and bias pointers but read them only for the trainable kind
            coef = gpu.allocate(1);
            bias = coef;
            coefGradient = null;
            biasGradient = null;
        }
        coefPartial = new Workspace(gpu, in.channels());
        biasPartial = new Workspace(gpu, in.channels());
        coefSum = new BatchSum(gpu, in.channels());
        biasSum = new BatchSum(gpu, in.channels());
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.SUBSAMPLE_FORWARD, n * out.size(), x, coef, bias, y,
                kind, n, in.channels(), in.height(), in.width(), window, activation);
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.SUBSAMPLE_BACKWARD_INPUT, n * in.size(), x, dy, coef, dx,
                    kind, n, in.channels(), in.height(), in.width(), window);
        }
        if (trainable) {
            int maps = in.channels();
            DeviceBuffer coefs = coefPartial.forBatch(n);
            DeviceBuffer biases = biasPartial.forBatch(n);
            gpu.launch(Kernel.SUBSAMPLE_PARAM_PARTIAL, n * maps * 32, x, dy, coefs, biases, // a warp per map
                    n, maps, in.height(), in.width(), window);
            coefSum.sum(coefs, coefGradient, n);
            biasSum.sum(biases, biasGradient, n);
        }
    }

    @Override
    public void close() {
        if (!trainable) {
            gpu.free(coef);
        }
        coefPartial.close();
        biasPartial.close();
        coefSum.close();
        biasSum.close();
    }
}
