package org.lenetbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.lenetbench.model.Convolution;

/**
 * A convolution with a connection table (LeNet-5's C3): dense weights multiplied by a constant 0/1 mask, so
 * the missing blocks contribute nothing, get zero gradient and stay zero under every optimizer.
 */
final class PartialConvolution extends AbstractBlock {
    private final Convolution spec;
    private final int inputMaps;
    final Parameter weight;
    final Parameter bias;
    private NDArray mask;

    PartialConvolution(Convolution spec, int inputMaps) {
        this.spec = spec;
        this.inputMaps = inputMaps;
        int k = spec.kernel();
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(spec.maps(), inputMaps, k, k)).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(spec.maps())).build());
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        int k = spec.kernel();
        float[] values = new float[spec.maps() * inputMaps * k * k];
        for (int o = 0; o < spec.maps(); o++) {
            for (int i = 0; i < inputMaps; i++) {
                if (spec.connected(o, i)) {
                    java.util.Arrays.fill(values, (o * inputMaps + i) * k * k, (o * inputMaps + i + 1) * k * k, 1f);
                }
            }
        }
        mask = manager.create(values, new Shape(spec.maps(), inputMaps, k, k));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training).mul(mask);
        int p = spec.padding();
        return Conv2d.conv2d(x, w, store.getValue(bias, x.getDevice(), training), new Shape(1, 1), new Shape(p, p));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        int p = spec.padding(), k = spec.kernel();
        return new Shape[] {new Shape(in.get(0), spec.maps(), in.get(2) + 2 * p - k + 1, in.get(3) + 2 * p - k + 1)};
    }
}
