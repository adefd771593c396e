package org.lenetbench.reference;

import java.util.List;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;

/** One reference layer over a batch: converts floats to doubles at the boundary, loops over samples. */
final class ReferenceLayerKernel extends AbstractLayerKernel {
    private final ReferenceLayer layer;
    private final ParameterStore store;
    private final List<ParameterSpec> trainable;
    private final double[][] x;
    private final double[][] y;
    private final double[][] dy;
    private final double[][] dx;

    ReferenceLayerKernel(String name, ReferenceLayer layer, ParameterStore store, List<ParameterSpec> params,
            int batch) {
        super(ReferenceBackend.ID, name, batch, layer.inputShape(), layer.outputShape());
        this.layer = layer;
        this.store = store;
        this.trainable = params.stream().filter(ParameterSpec::trainable).toList();
        x = new double[batch][layer.inputShape().size()];
        dx = new double[batch][layer.inputShape().size()];
        y = new double[batch][layer.outputShape().size()];
        dy = new double[batch][layer.outputShape().size()];
    }

    @Override
    public void setInput(float[] values) {
        scatter(values, x, "input", inputShape());
    }

    @Override
    public void setOutputGradient(float[] values) {
        scatter(values, dy, "output gradient", outputShape());
    }

    @Override
    public void forward() {
        checkOpen();
        for (int n = 0; n < batchSize(); n++) {
            layer.forward(x[n], y[n]);
        }
    }

    @Override
    public void backward() {
        checkOpen();
        for (ParameterSpec p : trainable) {
            java.util.Arrays.fill(store.gradient(p.name()), 0);
        }
        for (int n = 0; n < batchSize(); n++) {
            layer.backward(x[n], y[n], dy[n], dx[n]);
        }
    }

    @Override
    public void output(float[] values) {
        gather(y, values);
    }

    @Override
    public void inputGradient(float[] values) {
        gather(dx, values);
    }

    @Override
    public NamedTensors parameterGradients() {
        return ParameterStore.toFloats(trainable, store.gradients());
    }

    @Override
    protected void release() {
        // nothing outside the Java heap
    }

    private void scatter(float[] values, double[][] target, String what, Shape shape) {
        checkOpen();
        requireBatchOf(what, values, shape);
        int size = shape.size();
        for (int n = 0; n < batchSize(); n++) {
            for (int i = 0; i < size; i++) {
                target[n][i] = values[n * size + i];
            }
        }
    }

    private void gather(double[][] source, float[] values) {
        checkOpen();
        int size = source[0].length;
        for (int n = 0; n < batchSize(); n++) {
            for (int i = 0; i < size; i++) {
                values[n * size + i] = (float) source[n][i];
            }
        }
    }

}
