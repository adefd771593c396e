package org.lenetbench.tfjava;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One layer as a small graph of its own: its parameters are constants (the network's values when the
 * kernel was made), the input and the output gradient are placeholders of a fixed batch size.
 * {@link #forward()} runs the layer and keeps every intermediate tensor it produced; {@link #backward()}
 * feeds them back, so that TensorFlow runs only the gradient ops and the forward pass is not timed twice.
 */
final class TfLayerKernel extends AbstractLayerKernel {
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TFloat32> outputGradient;
    /** Every output the forward ops produce, the layer's output last. */
    private final List<Output<?>> forwardOutputs = new ArrayList<>();
    private final Operand<TFloat32> inputGradientOp;
    private final List<Operand<?>> parameterGradientOps = new ArrayList<>();
    private final List<TfLayout> trainableLayouts = new ArrayList<>();
    private final TFloat32 inputTensor;
    private final TFloat32 outputGradientTensor;
    private final float[] scratch;
    private Result forwardResult;
    private Result backwardResult;

    TfLayerKernel(ModelSpec model, String layerName, int batchSize, NamedTensors parameters, int threads) {
        super(TfBackend.ID, model, layerName, batchSize);
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            input = tf.withName("x").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(TfLayout.activationShape(inputShape(), batchSize()))));
            Map<String, Operand<TFloat32>> constants = new LinkedHashMap<>();
            List<Operand<TFloat32>> trainableConstants = new ArrayList<>();
            for (ParameterSpec spec : model.parametersOf(layerName())) {
                TfLayout layout = TfLayout.of(model, spec);
                float[] values = layout.toTf(parameters.get(spec.name()).data());
                Operand<TFloat32> constant = tf.constant(org.tensorflow.ndarray.Shape.of(layout.tfShape()),
                        org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false));
                constants.put(spec.name(), constant);
                if (spec.trainable()) {
                    trainableConstants.add(constant);
                    trainableLayouts.add(layout);
                }
            }
            Set<GraphOperation> before = operations();
            Layer layer = model.layer(layerName());
            Operand<TFloat32> y = new TfLayerOps(tf).apply(layer, inputShape(), input, constants::get);
            for (GraphOperation op : operations()) {
                if (!before.contains(op) && !op.type().equals("Const") && !op.name().equals(y.op().name())) {
                    for (int i = 0; i < op.numOutputs(); i++) {
                        forwardOutputs.add(op.output(i));
                    }
                }
            }
            forwardOutputs.add(y.asOutput());
            outputGradient = tf.withName("dy").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(TfLayout.activationShape(outputShape(), batchSize()))));
            List<Operand<TFloat32>> wrt = new ArrayList<>();
            wrt.add(input);
            wrt.addAll(trainableConstants);
            Iterator<Operand<?>> grads = tf.gradients(List.of(y), wrt,
                    org.tensorflow.op.core.Gradients.dx(List.of(outputGradient))).iterator();
            @SuppressWarnings("unchecked")
            Operand<TFloat32> dx = (Operand<TFloat32>) grads.next();
            inputGradientOp = dx;
            grads.forEachRemaining(parameterGradientOps::add);
            session = TfSessions.open(graph, threads);
            inputTensor = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(TfLayout.activationShape(inputShape(), batchSize())));
            outputGradientTensor = TFloat32.tensorOf(
                    org.tensorflow.ndarray.Shape.of(TfLayout.activationShape(outputShape(), batchSize())));
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
        scratch = new float[batchSize() * Math.max(inputShape().size(), outputShape().size())];
    }

    private Set<GraphOperation> operations() {
        Set<GraphOperation> ops = new java.util.HashSet<>();
        graph.operations().forEachRemaining(ops::add);
        return ops;
    }

    @Override
    public void setInput(float[] x) {
        checkOpen();
        requireBatchOf("input", x, inputShape());
        TfLayout.nchwToNhwc(x, scratch, batchSize(), inputShape());
        TfTensors.write(inputTensor, scratch, batchSize() * inputShape().size());
    }

    @Override
    public void setOutputGradient(float[] dy) {
        checkOpen();
        requireBatchOf("output gradient", dy, outputShape());
        TfLayout.nchwToNhwc(dy, scratch, batchSize(), outputShape());
        TfTensors.write(outputGradientTensor, scratch, batchSize() * outputShape().size());
    }

    @Override
    public void forward() {
        checkOpen();
        Session.Runner runner = session.runner().feed(input, inputTensor);
        forwardOutputs.forEach(runner::fetch);
        closeResult(forwardResult);
        forwardResult = runner.run();
    }

    @Override
    public void backward() {
        checkOpen();
        if (forwardResult == null) {
            throw new IllegalStateException(layerName() + ": backward() before forward()");
        }
        Session.Runner runner = session.runner().feed(input, inputTensor).feed(outputGradient, outputGradientTensor);
        for (int i = 0; i < forwardOutputs.size(); i++) {
            Output<?> saved = forwardOutputs.get(i);
            runner.feed(saved.op().name(), saved.index(), forwardResult.get(i));
        }
        runner.fetch(inputGradientOp);
        parameterGradientOps.forEach(runner::fetch);
        closeResult(backwardResult);
        backwardResult = runner.run();
    }

    @Override
    public void output(float[] y) {
        checkOpen();
        if (forwardResult == null) {
            throw new IllegalStateException(layerName() + ": output() before forward()");
        }
        requireBatchOf("output", y, outputShape());
        TfTensors.read(forwardResult.get(forwardOutputs.size() - 1), scratch, batchSize() * outputShape().size());
        TfLayout.nhwcToNchw(scratch, y, batchSize(), outputShape());
    }

    @Override
    public void inputGradient(float[] dx) {
        checkOpen();
        requireBackward();
        requireBatchOf("input gradient", dx, inputShape());
        TfTensors.read(backwardResult.get(0), scratch, batchSize() * inputShape().size());
        TfLayout.nhwcToNchw(scratch, dx, batchSize(), inputShape());
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        requireBackward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < trainableLayouts.size(); i++) {
            TfLayout layout = trainableLayouts.get(i);
            float[] canonical = layout.toCanonical(TfTensors.read(backwardResult.get(i + 1)));
            out.put(layout.spec().name(), new Tensor(layout.spec().shape(), canonical));
        }
        return new NamedTensors(out);
    }

    @Override
    protected void release() {
        closeResult(forwardResult);
        closeResult(backwardResult);
        inputTensor.close();
        outputGradientTensor.close();
        session.close();
        graph.close();
    }

    private static void closeResult(Result result) {
        if (result != null) {
            result.close();
        }
    }

    private void requireBackward() {
        if (backwardResult == null) {
            throw new IllegalStateException(layerName() + ": no backward() yet");
        }
    }


}
