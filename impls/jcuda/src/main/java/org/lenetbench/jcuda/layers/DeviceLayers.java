package org.lenetbench.jcuda.layers;

import java.util.ArrayList;
import java.util.List;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/** Builds the device implementation of a model's layers from their specs. */
public final class DeviceLayers {
    private DeviceLayers() {
    }

    /** One layer alone, as the layer benchmarks run it. */
    public static DeviceLayer build(Gpu gpu, ModelSpec model, String layerName, ParameterSlices parameters) {
        return build(gpu, model, layerName, parameters, JcudaKinds.IDENTITY);
    }

    /**
     * The model's layers as a network runs them: a convolution, subsampling or fully connected layer followed by an
     * activation becomes one {@link FusedLayer}, so that the forward pass writes each activation once.
     */
    public static List<DeviceLayer> network(Gpu gpu, ModelSpec model, ParameterSlices parameters) {
        List<String> names = model.layerNames();
        List<DeviceLayer> layers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (i + 1 < names.size() && fusible(model.layer(name))
                    && model.layer(names.get(i + 1)) instanceof Activation activation) {
                DeviceLayer layer = build(gpu, model, name, parameters, JcudaKinds.of(activation.function()));
                layers.add(new FusedLayer(gpu, layer, new ActivationLayer(gpu, activation, layer.outputShape())));
                i++;
            } else {
                layers.add(build(gpu, model, name, parameters, JcudaKinds.IDENTITY));
            }
        }
        return layers;
    }

    private static boolean fusible(Layer layer) {
        return switch (layer) {
            case Convolution c -> true;
            case Subsampling s -> true;
            case FullyConnected f -> true;
            case Output o -> o.kind() == Output.Kind.LINEAR;
            case Activation a -> false;
        };
    }

    private static DeviceLayer build(Gpu gpu, ModelSpec model, String layerName, ParameterSlices parameters,
            int activation) {
        Layer layer = model.layer(layerName);
        Shape in = model.inputShapeOf(layerName);
        return switch (layer) {
            case Convolution c -> new ConvolutionLayer(gpu, c, in, parameters, activation);
            case Subsampling s -> new SubsamplingLayer(gpu, s, in, parameters, activation);
            case Activation a -> new ActivationLayer(gpu, a, in);
            case FullyConnected f -> new DenseLayer(gpu, f.name(), in, f.outputs(), parameters, activation);
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    new DenseLayer(gpu, o.name(), in, o.classes(), parameters, activation);
            case Output o -> new RbfLayer(gpu, o.name(), in, o.classes(), parameters);
        };
    }
}
