package org.lenetbench.jcuda.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.layers.ParameterSlices;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * A model's parameters packed on the device in canonical order and layout, with a gradient buffer of the same
 * layout. The trainable parameters come first (the only fixed one, the RBF centres, belongs to the last layer),
 * so one optimizer launch covers {@code [0, trainableLength())}.
 */
public final class DeviceParameters implements ParameterSlices, AutoCloseable {
    private final Gpu gpu;
    private final List<ParameterSpec> specs;
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final int trainableLength;
    private final DeviceBuffer values;
    private final DeviceBuffer gradients;

    public DeviceParameters(Gpu gpu, ModelSpec model) {
        this.gpu = gpu;
        this.specs = model.parameters();
        int offset = 0;
        int trainable = 0;
        boolean fixedSeen = false;
        for (ParameterSpec spec : specs) {
            if (spec.trainable() && fixedSeen) {
                throw new IllegalArgumentException(model.name() + ": trainable parameter " + spec.name()
                        + " follows a fixed one; the jcuda optimizer updates one packed prefix");
            }
            fixedSeen |= !spec.trainable();
            offsets.put(spec.name(), offset);
            sizes.put(spec.name(), spec.size());
            offset += spec.size();
            trainable += spec.trainable() ? spec.size() : 0;
        }
        this.trainableLength = trainable;
        this.values = gpu.allocate(offset);
        this.gradients = gpu.allocate(offset);
    }

    @Override
    public DeviceBuffer value(String name) {
        return slice(values, name);
    }

    @Override
    public DeviceBuffer gradient(String name) {
        return slice(gradients, name);
    }

    private DeviceBuffer slice(DeviceBuffer packed, String name) {
        Integer offset = offsets.get(name);
        if (offset == null) {
            throw new IllegalArgumentException("no parameter " + name + "; the parameters are " + offsets.keySet());
        }
        return packed.slice(offset, sizes.get(name));
    }

    DeviceBuffer trainableValues() {
        return values.slice(0, trainableLength);
    }

    DeviceBuffer trainableGradients() {
        return gradients.slice(0, trainableLength);
    }

    int trainableLength() {
        return trainableLength;
    }

    /** Uploads every parameter; the caller has checked names and shapes. */
    public void load(NamedTensors parameters) {
        for (ParameterSpec spec : specs) {
            float[] data = parameters.get(spec.name()).data();
            gpu.upload(data, 0, value(spec.name()), spec.size());
        }
    }

    public NamedTensors values() {
        return read(values, specs);
    }

    public NamedTensors trainableGradientValues() {
        return read(gradients, specs.stream().filter(ParameterSpec::trainable).toList());
    }

    private NamedTensors read(DeviceBuffer packed, List<ParameterSpec> which) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec spec : which) {
            float[] data = new float[spec.size()];
            gpu.download(slice(packed, spec.name()), data, 0, spec.size());
            out.put(spec.name(), new Tensor(spec.shape(), data));
        }
        return new NamedTensors(out);
    }

    @Override
    public void close() {
        gpu.free(values);
        gpu.free(gradients);
    }
}
