package org.lenetbench.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * One layer as its own DJL block with a copy of the network's parameters. {@link #forward()} runs the block
 * with a gradient collector open, so PyTorch records the autograd graph as in a training step;
 * {@link #backward()} zeroes the gradients and back-propagates the output gradient through that graph, kept
 * so that backward can be repeated (and timed) alone. Activations and gradients are NCHW, the contract's
 * layout, so the setters and getters copy without reordering.
 */
final class DjlLayerKernel extends AbstractLayerKernel {
    private final Engine engine;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final NDArray input;
    private final NDArray outputGradient;
    private final List<ParameterSpec> trainableSpecs = new ArrayList<>();
    private final List<NDArray> trainable = new ArrayList<>();
    private NDManager forwardManager;
    private NDArray output;
    private boolean backwardDone;

    DjlLayerKernel(ModelSpec model, String layerName, int batchSize, NamedTensors values, Engine engine) {
        super(DjlBackend.ID, model, layerName, batchSize);
        this.engine = engine;
        this.manager = engine.newBaseManager();
        try {
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            block = DjlLayers.block(model.layer(layerName()), inputShape(), parameters);
            DjlLayers.initialize(block, manager, inputShape(), batchSize());
            for (ParameterSpec spec : model.parametersOf(layerName())) {
                NDArray array = parameters.get(spec.name()).getArray();
                array.set(values.get(spec.name()).data());
                if (spec.trainable()) {
                    trainableSpecs.add(spec);
                    trainable.add(array);
                }
            }
            store = new ParameterStore(manager, false);
            input = manager.create(DjlLayers.nchw(inputShape(), batchSize()), DataType.FLOAT32);
            input.setRequiresGradient(true);
            outputGradient = manager.create(DjlLayers.nchw(outputShape(), batchSize()), DataType.FLOAT32);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void setInput(float[] x) {
        checkOpen();
        requireBatchOf("input", x, inputShape());
        input.set(x);
    }

    @Override
    public void setOutputGradient(float[] dy) {
        checkOpen();
        requireBatchOf("output gradient", dy, outputShape());
        // a fully connected layer's output is (n, features); the contract's is (n, features, 1, 1): same floats
        outputGradient.set(dy);
    }

    @Override
    public void forward() {
        checkOpen();
        if (forwardManager != null) {
            forwardManager.close(); // the previous output and its autograd graph
        }
        forwardManager = manager.newSubManager();
        // the scope frees the intermediate arrays' handles; the autograd graph keeps what backward needs
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray y = block.forward(store, new NDList(input), true).singletonOrThrow();
            ai.djl.ndarray.NDScope.unregister(y);
            y.attach(forwardManager);
            output = y;
        }
        backwardDone = false;
    }

    @Override
    public void backward() {
        checkOpen();
        if (output == null) {
            throw new IllegalStateException(layerName() + ": backward() before forward()");
        }
        JniUtils.zeroGrad((PtNDArray) input);
        for (NDArray w : trainable) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        NDArray dy = outputGradient.reshape(output.getShape());
        dy.attach(forwardManager);
        JniUtils.backward((PtNDArray) output, (PtNDArray) dy, true, false);
        backwardDone = true;
    }

    @Override
    public void output(float[] y) {
        checkOpen();
        if (output == null) {
            throw new IllegalStateException(layerName() + ": output() before forward()");
        }
        requireBatchOf("output", y, outputShape());
        output.toByteBuffer().asFloatBuffer().get(y);
    }

    @Override
    public void inputGradient(float[] dx) {
        checkOpen();
        requireBackward();
        requireBatchOf("input gradient", dx, inputShape());
        try (NDArray g = input.getGradient()) {
            g.toByteBuffer().asFloatBuffer().get(dx);
        }
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        requireBackward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            try (NDArray g = trainable.get(i).getGradient()) {
                out.put(trainableSpecs.get(i).name(), new Tensor(trainableSpecs.get(i).shape(), g.toFloatArray()));
            }
        }
        return new NamedTensors(out);
    }

    @Override
    protected void release() {
        manager.close();
    }

    private void requireBackward() {
        if (!backwardDone) {
            throw new IllegalStateException(layerName() + ": no backward() since the last forward()");
        }
    }


}
