package org.lenetbench.jcuda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.layers.DeviceLayer;
import org.lenetbench.jcuda.layers.DeviceLayers;
import org.lenetbench.jcuda.layers.ParameterSlices;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * One layer on the GPU over buffers of its own; it reads the network's parameters in place and writes its
 * parameter gradients into a buffer of its own. {@link #forward()} and {@link #backward()} wait for the device,
 * so that a benchmark times the kernels and not only their launch.
 */
final class JcudaLayerKernel extends AbstractLayerKernel {
    private final Gpu gpu;
    private final DeviceLayer layer;
    private final List<ParameterSpec> trainable;
    private final Map<String, DeviceBuffer> gradients = new LinkedHashMap<>();
    private final DeviceBuffer x;
    private final DeviceBuffer y;
    private final DeviceBuffer dy;
    private final DeviceBuffer dx;

    JcudaLayerKernel(Gpu gpu, ModelSpec model, String layerName, int batchSize, ParameterSlices networkParameters) {
        super(JcudaBackend.ID, model, layerName, batchSize);
        this.gpu = gpu;
        this.trainable = model.parametersOf(layerName).stream().filter(ParameterSpec::trainable).toList();
        for (ParameterSpec spec : trainable) {
            gradients.put(spec.name(), gpu.allocate(spec.size()));
        }
        ParameterSlices slices = new ParameterSlices() {
            @Override
            public DeviceBuffer value(String name) {
                return networkParameters.value(name);
            }

            @Override
            public DeviceBuffer gradient(String name) {
                return gradients.get(name);
            }
        };
        this.layer = DeviceLayers.build(gpu, model, layerName, slices);
        this.x = gpu.allocate(batchSize * inputShape().size());
        this.dx = gpu.allocate(batchSize * inputShape().size());
        this.y = gpu.allocate(batchSize * outputShape().size());
        this.dy = gpu.allocate(batchSize * outputShape().size());
    }

    @Override
    public void setInput(float[] values) {
        checkOpen();
        requireBatchOf("input", values, inputShape());
        gpu.upload(values, 0, x, values.length);
    }

    @Override
    public void setOutputGradient(float[] values) {
        checkOpen();
        requireBatchOf("output gradient", values, outputShape());
        gpu.upload(values, 0, dy, values.length);
    }

    @Override
    public void forward() {
        checkOpen();
        layer.forward(x, y, batchSize());
        gpu.synchronize();
    }

    @Override
    public void backward() {
        checkOpen();
        layer.backward(x, y, dy, dx, batchSize());
        gpu.synchronize();
    }

    @Override
    public void output(float[] values) {
        checkOpen();
        requireBatchOf("output", values, outputShape());
        gpu.download(y, values, 0, values.length);
    }

    @Override
    public void inputGradient(float[] values) {
        checkOpen();
        requireBatchOf("input gradient", values, inputShape());
        gpu.download(dx, values, 0, values.length);
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec spec : trainable) {
            float[] data = new float[spec.size()];
            gpu.download(gradients.get(spec.name()), data, 0, data.length);
            out.put(spec.name(), new Tensor(spec.shape(), data));
        }
        return new NamedTensors(out);
    }

    @Override
    protected void release() {
        layer.close();
        gradients.values().forEach(gpu::free);
        for (DeviceBuffer b : List.of(x, dx, y, dy)) {
            gpu.free(b);
        }
    }
}
