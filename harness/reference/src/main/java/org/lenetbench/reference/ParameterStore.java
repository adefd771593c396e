package org.lenetbench.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * The reference network's parameters in double precision, with one gradient and one curvature
 * accumulator per trainable parameter. The arrays are allocated once; layers keep references to them.
 */
final class ParameterStore {
    private final List<ParameterSpec> specs;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, double[]> gradients = new LinkedHashMap<>();
    private final Map<String, double[]> curvature = new LinkedHashMap<>();

    ParameterStore(List<ParameterSpec> specs) {
        this.specs = specs;
        for (ParameterSpec p : specs) {
            values.put(p.name(), new double[p.size()]);
            if (p.trainable()) {
                gradients.put(p.name(), new double[p.size()]);
                curvature.put(p.name(), new double[p.size()]);
            }
        }
    }

    double[] value(String name) {
        return values.get(name);
    }

    double[] gradient(String name) {
        return gradients.get(name);
    }

    double[] curvature(String name) {
        return curvature.get(name);
    }

    Map<String, double[]> gradients() {
        return gradients;
    }

    Map<String, double[]> curvatures() {
        return curvature;
    }

    void zeroGradients() {
        gradients.values().forEach(g -> java.util.Arrays.fill(g, 0));
    }

    void zeroCurvature() {
        curvature.values().forEach(h -> java.util.Arrays.fill(h, 0));
    }

    void load(NamedTensors tensors) {
        for (ParameterSpec p : specs) {
            float[] source = tensors.get(p.name()).data();
            double[] target = values.get(p.name());
            for (int i = 0; i < source.length; i++) {
                target[i] = source[i];
            }
        }
    }

    NamedTensors valuesAsFloats() {
        return toFloats(specs, values);
    }

    static NamedTensors toFloats(List<ParameterSpec> specs, Map<String, double[]> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : specs) {
            double[] source = arrays.get(p.name());
            if (source == null) {
                continue;
            }
            float[] data = new float[source.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) source[i];
            }
            out.put(p.name(), new Tensor(p.shape(), data));
        }
        return new NamedTensors(out);
    }

    /** Scales every gradient (to turn sums over a batch into means). */
    static void scale(Map<String, double[]> arrays, double factor) {
        for (double[] a : arrays.values()) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= factor;
            }
        }
    }
}
