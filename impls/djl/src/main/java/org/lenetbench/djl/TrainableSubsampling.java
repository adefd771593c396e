package org.lenetbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LeNet-5's S2/S4: {@code y = coef[m] · Σ window + bias[m]} per map, with the window's inputs added, not
 * averaged. Written as {@code avgPool · (coef · w²) + bias}: both factors of w² are exact in float.
 */
final class TrainableSubsampling extends AbstractBlock {
    private final int window;
    private final int maps;
    final Parameter coef;
    final Parameter bias;

    TrainableSubsampling(int maps, int window) {
        this.window = window;
        this.maps = maps;
        this.coef = addParameter(Parameter.builder().setName("coef").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maps)).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(maps)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape w = new Shape(window, window);
        NDArray mean = Pool.avgPool2d(x, w, w, new Shape(0, 0), false, true);
        NDArray scale = store.getValue(coef, x.getDevice(), training).mul(Scalars.of(x, window * window))
                .reshape(1, maps, 1, 1);
        NDArray shift = store.getValue(bias, x.getDevice(), training).reshape(1, maps, 1, 1);
        return new NDList(mean.mul(scale).add(shift));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), in.get(2) / window, in.get(3) / window)};
    }
}
