package org.lenetbench.vector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * A network's parameters as float arrays in canonical layout, allocated once. Gradients live per worker
 * as {@code float[trainable][]}, indexed by {@link #gradientIndex}, so that layers reach their gradient
 * arrays without a lookup per sample.
 */
final class FloatParameters {
    final ModelSpec model;
    final List<ParameterSpec> trainable;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, Integer> gradientIndex = new HashMap<>();

    FloatParameters(ModelSpec model) {
        this.model = model;
        this.trainable = model.trainableParameters();
        for (ParameterSpec p : model.parameters()) {
            values.put(p.name(), new float[p.size()]);
        }
        for (int i = 0; i < trainable.size(); i++) {
            gradientIndex.put(trainable.get(i).name(), i);
        }
    }

    float[] value(String name) {
        return values.get(name);
    }

    int gradientIndex(String name) {
        return gradientIndex.get(name);
    }

    float[][] newGradients() {
        float[][] g = new float[trainable.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = new float[trainable.get(i).size()];
        }
        return g;
    }

    /** Copies tensors already checked against the model's layout (AbstractNetwork.loadParameters does). */
    void load(NamedTensors tensors) {
        values.forEach((name, target) -> System.arraycopy(tensors.get(name).data(), 0, target, 0, target.length));
    }

    NamedTensors copy() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : model.parameters()) {
            out.put(p.name(), new Tensor(p.shape(), values.get(p.name()).clone()));
        }
        return new NamedTensors(out);
    }

    /** Gradients (or anything shaped like the trainable parameters) as canonical tensors. */
    NamedTensors trainableTensors(float[][] arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            out.put(trainable.get(i).name(), new Tensor(trainable.get(i).shape(), arrays[i].clone()));
        }
        return new NamedTensors(out);
    }
}
