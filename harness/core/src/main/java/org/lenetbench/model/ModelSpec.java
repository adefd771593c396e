package org.lenetbench.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole network as data: how images become input, a sequence of layers, and the loss. Backends build
 * their implementation from this; everything else (shapes, parameter names and layouts, FLOP counts) is
 * derived here, once.
 */
public record ModelSpec(String name, String description, Input input, List<Layer> layers, Loss loss,
        InitScheme defaultInit) {

    public ModelSpec {
        Objects.requireNonNull(name);
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss);
        Objects.requireNonNull(defaultInit);
        if (layers.isEmpty() || !(layers.getLast() instanceof Output)) {
            throw new IllegalArgumentException(name + ": the last layer must be an Output layer");
        }
        Set<String> names = new HashSet<>();
        Shape shape = input.shape();
        for (Layer layer : layers) {
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException(name + ": layer name " + layer.name() + " is used twice");
            }
            if (layer instanceof Output && layer != layers.getLast()) {
                throw new IllegalArgumentException(name + ": only the last layer may be an Output layer");
            }
            shape = layer.outputShape(shape); // validates every layer against its input
        }
    }

    public Output output() {
        return (Output) layers.getLast();
    }

    public int classes() {
        return output().classes();
    }

    public Layer layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model " + name + " has no layer '" + layerName
                        + "'; its layers are " + layerNames()));
    }

    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    /** Input shape of layer {@code index}. */
    public Shape inputShapeOf(int index) {
        Shape shape = input.shape();
        for (int i = 0; i < index; i++) {
            shape = layers.get(i).outputShape(shape);
        }
        return shape;
    }

    public Shape inputShapeOf(String layerName) {
        return inputShapeOf(layers.indexOf(layer(layerName)));
    }

    public Shape outputShapeOf(String layerName) {
        return layer(layerName).outputShape(inputShapeOf(layerName));
    }

    /** The canonical parameters, in canonical order. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> params = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            params.addAll(parametersOf(layers.get(i), inputShapeOf(i)));
        }
        return List.copyOf(params);
    }

    /** The parameters that training changes, in canonical order. */
    public List<ParameterSpec> trainableParameters() {
        return parameters().stream().filter(ParameterSpec::trainable).toList();
    }

    /** The parameters of one layer (empty for activations and parameterless subsampling). */
    public List<ParameterSpec> parametersOf(String layerName) {
        return parametersOf(layer(layerName), inputShapeOf(layerName));
    }

    private static List<ParameterSpec> parametersOf(Layer layer, Shape in) {
        String n = layer.name();
        return switch (layer) {
            case Convolution c -> {
                int k = c.kernel();
                int blocks = in.channels();
                ParameterSpec.ElementMask mask = index -> {
                    int block = index / (k * k);
                    return c.connected(block / blocks, block % blocks);
                };
                yield List.of(
                        new ParameterSpec(n + ".weight", new int[] {c.maps(), blocks, k, k}, true,
                                out -> c.fanIn(out, blocks), mask),
                        new ParameterSpec(n + ".bias", new int[] {c.maps()}, true,
                                out -> c.fanIn(out, blocks), ParameterSpec.ElementMask.ALL));
            }
            case Subsampling s when s.kind() == Subsampling.Kind.TRAINABLE -> {
                int fanIn = s.window() * s.window();
                yield List.of(
                        new ParameterSpec(n + ".coef", new int[] {in.channels()}, true, m -> fanIn,
                                ParameterSpec.ElementMask.ALL),
                        new ParameterSpec(n + ".bias", new int[] {in.channels()}, true, m -> fanIn,
                                ParameterSpec.ElementMask.ALL));
            }
            case Subsampling s -> List.of();
            case Activation a -> List.of();
            case FullyConnected f -> denseParameters(n, f.outputs(), in.size());
            case Output o when o.kind() == Output.Kind.LINEAR -> denseParameters(n, o.classes(), in.size());
            case Output o -> List.of(new ParameterSpec(n + ".centres", new int[] {o.classes(), in.size()}, false,
                    row -> in.size(), ParameterSpec.ElementMask.ALL));
        };
    }

    private static List<ParameterSpec> denseParameters(String n, int outputs, int inputs) {
        return List.of(
                new ParameterSpec(n + ".weight", new int[] {outputs, inputs}, true, row -> inputs,
                        ParameterSpec.ElementMask.ALL),
                new ParameterSpec(n + ".bias", new int[] {outputs}, true, row -> inputs,
                        ParameterSpec.ElementMask.ALL));
    }

    /** Multiply-adds of one forward pass for one image, per layer: the base of every FLOP figure. */
    public long forwardMultiplyAdds(String layerName) {
        Layer layer = layer(layerName);
        Shape in = inputShapeOf(layerName);
        Shape out = layer.outputShape(in);
        return switch (layer) {
            case Convolution c -> {
                long pairs = 0;
                for (int o = 0; o < c.maps(); o++) {
                    pairs += c.fanIn(o, in.channels()) / (c.kernel() * c.kernel());
                }
                yield pairs * c.kernel() * c.kernel() * out.height() * out.width();
            }
            case Subsampling s -> (long) in.size();
            case Activation a -> 0L;
            case FullyConnected f -> (long) in.size() * out.size();
            case Output o -> (long) in.size() * out.size();
        };
    }

    /** Multiply-adds of one forward pass for one image, all layers. */
    public long forwardMultiplyAdds() {
        return layerNames().stream().mapToLong(this::forwardMultiplyAdds).sum();
    }

    @Override
    public String toString() {
        return name;
    }
}
