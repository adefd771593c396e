package org.lenetbench.jcuda.training;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.optim.OptimizerSpec;

/** SGD with momentum or Adam over the packed trainable parameters, its state on the device. */
public final class DeviceOptimizer implements AutoCloseable {
    /** Why SDLM is refused: the backend's support answer and its networks' SDLM calls say the same. */
    public static final String SDLM_UNSUPPORTED = "jcuda does not implement SDLM (no curvature kernels); "
            + "use --backend reference or vector";

    private final Gpu gpu;
    private final OptimizerSpec spec;
    private final DeviceParameters parameters;
    private final DeviceBuffer first;
    private final DeviceBuffer second;
    private long steps;

    public DeviceOptimizer(Gpu gpu, OptimizerSpec spec, DeviceParameters parameters) {
        if (spec instanceof OptimizerSpec.Sdlm) {
            throw new UnsupportedOperationException(SDLM_UNSUPPORTED);
        }
        this.gpu = gpu;
        this.spec = spec;
        this.parameters = parameters;
        this.first = gpu.allocate(parameters.trainableLength());
        this.second = spec instanceof OptimizerSpec.Adam ? gpu.allocate(parameters.trainableLength()) : null;
    }

    /** Applies the gradients now in the parameters' gradient buffer. */
    public void step(double learningRate) {
        steps++;
        int count = parameters.trainableLength();
        DeviceBuffer w = parameters.trainableValues();
        DeviceBuffer g = parameters.trainableGradients();
        switch (spec) {
            case OptimizerSpec.Sgd sgd -> gpu.launch(Kernel.SGD_UPDATE, count, w, g, first, count,
                    (float) learningRate, (float) sgd.momentum());
            case OptimizerSpec.Adam adam -> gpu.launch(Kernel.ADAM_UPDATE, count, w, g, first, second, count,
                    (float) learningRate, (float) adam.beta1(), (float) adam.beta2(), (float) adam.epsilon(),
                    (float) (1 - Math.pow(adam.beta1(), steps)), (float) (1 - Math.pow(adam.beta2(), steps)));
            case OptimizerSpec.Sdlm sdlm -> throw new UnsupportedOperationException(SDLM_UNSUPPORTED);
        }
    }

    @Override
    public void close() {
        gpu.free(first);
        if (second != null) {
            gpu.free(second);
        }
    }
}
