package org.lenetbench.params;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.lenetbench.model.InitScheme;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.RbfBitmaps;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Draws a model's initial parameters from a seed, so that every backend starts from the same numbers.
 * One {@link SplittableRandom} (its algorithm is specified, so the numbers are the same on every JVM)
 * walks the trainable parameters in canonical order and their elements in row-major order; an element
 * that is masked out (C3's missing connections) is set to zero and draws nothing. RBF centres are the
 * paper's bitmaps.
 */
public final class Initializer {
    private Initializer() {
    }

    public static NamedTensors initialize(ModelSpec model, InitScheme scheme, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (ParameterSpec p : model.parameters()) {
            float[] data = new float[p.size()];
            if (!p.trainable()) {
                fillFixed(model, p, data);
            } else {
                int rowSize = p.rowSize();
                for (int i = 0; i < data.length; i++) {
                    if (p.mask().present(i)) {
                        double bound = scheme.bound(p.fanInOfRow().applyAsInt(i / rowSize));
                        data[i] = (float) (bound * (2 * random.nextDouble() - 1));
                    }
                }
            }
            params.put(p.name(), new Tensor(p.shape(), data));
        }
        return new NamedTensors(params);
    }

    private static void fillFixed(ModelSpec model, ParameterSpec p, float[] data) {
        Output output = model.output();
        int width = p.rowSize();
        if (output.kind() != Output.Kind.RBF || output.classes() != RbfBitmaps.DIGITS
                || width != RbfBitmaps.WIDTH * RbfBitmaps.HEIGHT) {
            throw new IllegalArgumentException(model.name() + ": fixed parameter " + p
                    + " has no initialiser (only the 10×84 LeNet-5 RBF centres have one)");
        }
        System.arraycopy(RbfBitmaps.centres(), 0, data, 0, data.length);
    }
}
