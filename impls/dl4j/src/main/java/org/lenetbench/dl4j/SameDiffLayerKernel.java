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
 * One layer as the SameDiff graph that training runs ({@link SameDiffLayers}, the ops {@link Dl4jNetwork} builds),
 * differentiated by SameDiff: backward is the gradient of {@code Σ ⟨dy, y⟩} with respect to the input and the
 * layer's trainable parameters. What the conformance kit checks layer by layer, so that its layer checks reach the
 * code that training uses; {@link Nd4jLayerKernel}, which calls the same libnd4j kernels without SameDiff's
 * per-call graph execution, is what the layer benchmarks time.
 */
final class SameDiffLayerKernel extends AbstractLayerKernel {
    private static final String INPUT = "x";
    private static final String OUTPUT = "y";
    private static final String OUTPUT_GRADIENT = "dy";
    private final SameDiff sd = SameDiff.create();
    private final int threads;
    /** The trainable parameters and their SameDiff variable names. */
    private final Map<ParameterSpec, String> trainable = new LinkedHashMap<>();
    private final INDArray dy;
    private INDArray y;
    private Map<String, INDArray> gradients;

    SameDiffLayerKernel(ModelSpec model, String layerName, int batchSize, NamedTensors values, int threads) {
        super(Dl4jBackend.ID, model, layerName, batchSize);
        this.threads = threads;
        // the input is a variable, not a placeholder, so that SameDiff differentiates with respect to it
        SDVariable x = sd.var(INPUT, DataType.FLOAT, Nd4jLayerOps.activationShape(inputShape(), batchSize));
        Map<String, SDVariable> parameters = new LinkedHashMap<>();
        for (ParameterSpec spec : model.parametersOf(layerName)) {
            String name = spec.name().replace('.', '_');
            INDArray value = Nd4j.create(values.get(spec.name()).data(), Nd4jArrays.shape(spec.shape()), 'c');
            parameters.put(spec.name(), spec.trainable() ? sd.var(name, value) : sd.constant(name, value));
            if (spec.trainable()) {
                trainable.put(spec, name);
            }
        }
        SDVariable out = new SameDiffLayers(sd).apply(model.layer(layerName), inputShape(), x, parameters::get)
                .rename(OUTPUT);
        long[] outShape = Nd4jLayerOps.activationShape(outputShape(), batchSize);
        this.dy = Nd4j.create(DataType.FLOAT, outShape);
        SDVariable gradientIn = sd.placeHolder(OUTPUT_GRADIENT, DataType.FLOAT, outShape);
        sd.setLossVariables(out.reshape(outShape).mul(gradientIn).sum().rename("projection"));
        QuietSameDiff.createGradFunction(sd);
    }

    @Override
    public void setInput(float[] values) {
        checkOpen();
        requireBatchOf("input", values, inputShape());
        Nd4jArrays.write(sd.getArrForVarName(INPUT), values, values.length);
    }

    @Override
    public void setOutputGradient(float[] values) {
        checkOpen();
        requireBatchOf("output gradient", values, outputShape());
        Nd4jArrays.write(dy, values, values.length);
    }

    @Override
    public void forward() {
        checkOpen();
        Nd4jRuntime.useThreads(threads);
        close(y);
        y = sd.output(Map.of(OUTPUT_GRADIENT, dy), List.of(OUTPUT)).get(OUTPUT);
    }

    @Override
    public void backward() {
        checkOpen();
        if (y == null) {
            throw new IllegalStateException(layerName() + ": backward() before forward()");
        }
        Nd4jRuntime.useThreads(threads);
        if (gradients != null) {
            gradients.values().forEach(INDArray::close);
        }
        List<String> wanted = new ArrayList<>(trainable.values());
        wanted.add(INPUT);
        gradients = sd.calculateGradients(Map.of(OUTPUT_GRADIENT, dy), wanted);
    }

    @Override
    public void output(float[] out) {
        checkOpen();
        if (y == null) {
            throw new IllegalStateException(layerName() + ": output() before forward()");
        }
        requireBatchOf("output", out, outputShape());
        Nd4jArrays.read(y, out, out.length);
    }

    @Override
    public void inputGradient(float[] out) {
        checkOpen();
        requireBackward();
        requireBatchOf("input gradient", out, inputShape());
        Nd4jArrays.read(gradients.get(INPUT), out, out.length);
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        requireBackward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        trainable.forEach((spec, name) ->
                out.put(spec.name(), new Tensor(spec.shape(), Nd4jArrays.read(gradients.get(name)))));
        return new NamedTensors(out);
    }

    private void requireBackward() {
        if (gradients == null) {
            throw new IllegalStateException(layerName() + ": no backward() yet");
        }
    }

    private static void close(INDArray a) {
        if (a != null) {
            a.close();
        }
    }

    @Override
    protected void release() {
        close(y);
        close(dy);
        if (gradients != null) {
            gradients.values().forEach(INDArray::close);
        }
    }
}
