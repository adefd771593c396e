package org.lenetbench.reference;

import java.util.List;

import org.lenetbench.backend.LayerKernel;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;

/** One reference layer over a batch: converts floats to doubles at the boundary, loops over samples. */
final class ReferenceLayerKernel implements LayerKernel {
    private final String name;
    private final ReferenceLayer layer;
    private final ParameterStore store;
    private final List<ParameterSpec> trainable;
    private final int batch;
    private final double[][] x;
    private final double[][] y;
    private final double[][] dy;
    private final double[][] dx;
    private boolean closed;

    ReferenceLayerKernel(String name, ReferenceLayer layer, ParameterStore store, List<ParameterSpec> params,
            int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.name = name;
        this.layer = layer;
        this.store = store;
        this.trainable = params.stream().filter(ParameterSpec::trainable).toList();
        this.batch = batch;
        x = new double[batch][layer.inputShape().size()];
        dx = new double[batch][layer.inputShape().size()];
        y = new double[batch][layer.outputShape().size()];
        dy = new double[batch][layer.outputShape().size()];
    }

    @Override
    public String layerName() {
        return name;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public Shape inputShape() {
        return layer.inputShape();
    }

    @Override
    public Shape outputShape() {
        return layer.outputShape();
    }

    @Override
    public void setInput(float[] values) {
        scatter(values, x, "input");
    }

    @Override
    public void setOutputGradient(float[] values) {
        scatter(values, dy, "output gradient");
    }

    @Override
    public void forward() {
        checkOpen();
        for (int n = 0; n < batch; n++) {
            layer.forward(x[n], y[n]);
        }
    }

    @Override
    public void backward() {
        checkOpen();
        for (ParameterSpec p : trainable) {
            java.util.Arrays.fill(store.gradient(p.name()), 0);
        }
        for (int n = 0; n < batch; n++) {
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
    public void close() {
        closed = true;
    }

    private void scatter(float[] values, double[][] target, String what) {
        checkOpen();
        int size = target[0].length;
        if (values.length != batch * size) {
            throw new IllegalArgumentException(name + ": " + what + " has " + values.length + " floats, expected "
                    + batch + " x " + size);
        }
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < size; i++) {
                target[n][i] = values[n * size + i];
            }
        }
    }

    private void gather(double[][] source, float[] values) {
        checkOpen();
        int size = source[0].length;
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < size; i++) {
                values[n * size + i] = (float) source[n][i];
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("layer kernel " + name + " is closed");
        }
    }
}
