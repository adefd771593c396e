package org.lenetbench.jcuda;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/** Builds the device implementation of one layer of a model from its spec. */
final class DeviceLayers {
    private DeviceLayers() {
    }

    static DeviceLayer build(Gpu gpu, ModelSpec model, String layerName, ParameterSlices parameters) {
        Layer layer = model.layer(layerName);
        Shape in = model.inputShapeOf(layerName);
        return switch (layer) {
            case Convolution c -> new ConvolutionLayer(gpu, c, in, parameters);
            case Subsampling s -> new SubsamplingLayer(gpu, s, in, parameters);
            case Activation a -> new ActivationLayer(gpu, a, in);
            case FullyConnected f -> new DenseLayer(gpu, f.name(), in, f.outputs(), parameters);
            case Output o when o.kind() == Output.Kind.LINEAR -> new DenseLayer(gpu, o.name(), in, o.classes(), parameters);
            case Output o -> new RbfLayer(gpu, o.name(), in, o.classes(), parameters);
        };
    }
}
