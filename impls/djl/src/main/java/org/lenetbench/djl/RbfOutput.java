package org.lenetbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LeNet-5's output: Euclidean RBF units with fixed centres, {@code y_i = Σ_j (x_j − c_ij)²}, computed from the
 * differences (the expanded {@code |x|² − 2x·c + |c|²} cancels in float). The centres are a parameter that
 * requires no gradient.
 */
final class RbfOutput extends AbstractBlock {
    private final int classes;
    final Parameter centres;

    RbfOutput(int classes, int inputs) {
        this.classes = classes;
        this.centres = addParameter(Parameter.builder().setName("centres").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, inputs)).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray flat = x.reshape(x.getShape().get(0), -1);
        NDArray c = store.getValue(centres, x.getDevice(), training);
        return new NDList(flat.expandDims(1).sub(c.expandDims(0)).square().sum(new int[] {2}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), classes)};
    }
}
