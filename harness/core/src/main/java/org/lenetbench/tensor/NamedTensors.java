package org.lenetbench.tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;

/**
 * An ordered set of named tensors: a model's parameters, their gradients, or curvature estimates,
 * always in the model's canonical order.
 */
public final class NamedTensors {
    private final Map<String, Tensor> tensors;

    public NamedTensors(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Zero tensors for {@code specs}, in their order. */
    public static NamedTensors zeros(List<ParameterSpec> specs) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (ParameterSpec p : specs) {
            map.put(p.name(), Tensor.zeros(p.shape()));
        }
        return new NamedTensors(map);
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; there are " + tensors.keySet());
        }
        return t;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, Tensor> asMap() {
        return tensors;
    }

    public NamedTensors copy() {
        Map<String, Tensor> map = new LinkedHashMap<>();
        tensors.forEach((k, v) -> map.put(k, v.copy()));
        return new NamedTensors(map);
    }

    /** Only the tensors named in {@code specs}, in their order. */
    public NamedTensors select(List<ParameterSpec> specs) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (ParameterSpec p : specs) {
            map.put(p.name(), get(p.name()));
        }
        return new NamedTensors(map);
    }

    /**
     * Checks that these tensors are exactly {@code model}'s {@code specs}: the same names, each with the
     * canonical shape. The message names the tensor, the expected and the actual shape, and {@code source}
     * (a file, a backend).
     */
    public void requireLayout(ModelSpec model, List<ParameterSpec> specs, String source) {
        for (ParameterSpec p : specs) {
            Tensor t = tensors.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException(source + ": model " + model.name() + " needs tensor '"
                        + p.name() + "' " + p.shapeString() + ", which is missing");
            }
            if (!t.sameShape(p.shape())) {
                throw new IllegalArgumentException(source + ": tensor '" + p.name() + "' has shape "
                        + t.shapeString() + ", model " + model.name() + " expects " + p.shapeString());
            }
        }
        for (String name : tensors.keySet()) {
            if (specs.stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' is not a parameter of model "
                        + model.name() + "; its parameters are "
                        + specs.stream().map(ParameterSpec::name).toList());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensors n && tensors.equals(n.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return tensors.toString();
    }
}
