package org.lenetbench.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer as a SameDiff graph of its own, built by the same {@link SameDiffLayers} as the network, for a fixed
 * batch size: the input is a variable (so that SameDiff differentiates with respect to it), the output gradient
 * dy a placeholder, the parameters hold the network's values when the kernel was made, and the gradient graph is
 * that of {@code Σ y·dy}. {@link #forward()} runs the layer's ops (conv2d, avgpool2d, …); {@link #backward()}
 * runs its gradient graph (conv2d_bp, avgpool2d_bp, …), which SameDiff always executes together with the forward
 * ops it depends on: a dl4j backward time includes one forward of the same layer.
 */
final class Dl4jLayerKernel extends AbstractLayerKernel {
    private static final String X = "x";
    private static final String DY = "dy";
    private static final String Y = "y";

    private final SameDiff sd;
    private final int threads;
    private final INDArray input;
    private final INDArray outputGradient;
    private final Map<String, INDArray> forwardFeed;
    private final Map<String, INDArray> backwardFeed;
    private final List<ParameterSpec> trainable = new ArrayList<>();
    private final List<String> gradientsOf = new ArrayList<>();
    private INDArray output;
    private Map<String, INDArray> gradients;

    Dl4jLayerKernel(ModelSpec model, String layerName, int batchSize, NamedTensors parameters, int threads) {
        super(Dl4jBackend.ID, model, layerName, batchSize);
        this.threads = threads;
        this.sd = SameDiff.create();
        // The input is a variable, not a placeholder: SameDiff differentiates with respect to variables only.
        SDVariable x = sd.var(X, Nd4j.create(DataType.FLOAT, SameDiffLayers.activationShape(inputShape(), batchSize)));
        input = x.getArr();
        outputGradient = Nd4j.create(DataType.FLOAT, SameDiffLayers.activationShape(outputShape(), batchSize));
        SDVariable dy = sd.placeHolder(DY, DataType.FLOAT, outputGradient.shape());
        gradientsOf.add(X);
        Map<String, SDVariable> values = new LinkedHashMap<>();
        for (ParameterSpec spec : model.parametersOf(layerName)) {
            Tensor t = parameters.get(spec.name());
            INDArray value = Nd4j.create(t.data(), java.util.Arrays.stream(spec.shape()).asLongStream().toArray(), 'c');
            String name = spec.name().replace('.', '_');
            values.put(spec.name(), spec.trainable() ? sd.var(name, value) : sd.constant(name, value));
            if (spec.trainable()) {
                trainable.add(spec);
                gradientsOf.add(name);
            }
        }
        SDVariable y = new SameDiffLayers(sd).apply(model.layer(layerName), inputShape(), x, values::get)
                .reshape(outputGradient.shape()).rename(Y);
        sd.setLossVariables(y.mul(dy).sum().rename("y_dot_dy"));
        QuietSameDiff.createGradFunction(sd);
        forwardFeed = Map.of(DY, outputGradient); // dy is not used by the forward ops, but every placeholder must be fed
        backwardFeed = forwardFeed;
    }

    @Override
    public void setInput(float[] x) {
        checkOpen();
        requireBatchOf("input", x, inputShape());
        Nd4jArrays.write(input, x, x.length);
    }

    @Override
    public void setOutputGradient(float[] dy) {
        checkOpen();
        requireBatchOf("output gradient", dy, outputShape());
        Nd4jArrays.write(outputGradient, dy, dy.length);
    }

    @Override
    public void forward() {
        checkOpen();
        Nd4jRuntime.useThreads(threads);
        INDArray previous = output;
        output = sd.output(forwardFeed, List.of(Y)).get(Y);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void backward() {
        checkOpen();
        if (output == null) {
            throw new IllegalStateException(layerName() + ": backward() before forward()");
        }
        Nd4jRuntime.useThreads(threads);
        Map<String, INDArray> previous = gradients;
        gradients = sd.calculateGradients(backwardFeed, gradientsOf);
        if (previous != null) {
            previous.values().forEach(INDArray::close);
        }
    }

    @Override
    public void output(float[] y) {
        checkOpen();
        if (output == null) {
            throw new IllegalStateException(layerName() + ": output() before forward()");
        }
        requireBatchOf("output", y, outputShape());
        Nd4jArrays.read(output, y, y.length);
    }

    @Override
    public void inputGradient(float[] dx) {
        checkOpen();
        requireBackward();
        requireBatchOf("input gradient", dx, inputShape());
        Nd4jArrays.read(gradients.get(X), dx, dx.length);
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        requireBackward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            ParameterSpec spec = trainable.get(i);
            out.put(spec.name(), new Tensor(spec.shape(), Nd4jArrays.read(gradients.get(gradientsOf.get(i + 1)))));
        }
        return new NamedTensors(out);
    }

    private void requireBackward() {
        if (gradients == null) {
            throw new IllegalStateException(layerName() + ": no backward() yet");
        }
    }

    @Override
    protected void release() {
        if (output != null) {
            output.close();
        }
        if (gradients != null) {
            gradients.values().forEach(INDArray::close);
        }
        input.close();
        outputGradient.close();
    }
}
