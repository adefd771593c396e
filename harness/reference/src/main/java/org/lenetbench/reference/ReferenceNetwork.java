package org.lenetbench.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.PatternLoss;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.optim.OptimizerState;
import org.lenetbench.tensor.NamedTensors;

/**
 * The executable spec: any {@link ModelSpec} in double precision, one sample at a time, single-threaded,
 * written to be read rather than to be fast. Parameters cross the contract as floats and are held as
 * doubles; optimizer updates are done in double ({@link OptimizerState}).
 */
public final class ReferenceNetwork extends AbstractNetwork {
    private final ParameterStore store;
    private final List<ReferenceLayer> layers = new ArrayList<>();
    private final PatternLoss loss;
    /** activations[0] is the input, activations[i + 1] the output of layer i; deltas alike. */
    private final double[][] activations;
    private final double[][] deltas;
    private OptimizerState optimizer;

    public ReferenceNetwork(ModelSpec model) {
        super(ReferenceBackend.ID, model, Device.CPU, 1);
        this.store = new ParameterStore(model.parameters());
        this.loss = new PatternLoss(model.loss());
        int count = model.layers().size();
        activations = new double[count + 1][];
        deltas = new double[count + 1][];
        activations[0] = new double[model.input().shape().size()];
        deltas[0] = new double[model.input().shape().size()];
        for (int i = 0; i < count; i++) {
            ReferenceLayer layer = ReferenceLayer.of(model.layers().get(i), model.inputShapeOf(i), store);
            layers.add(layer);
            activations[i + 1] = new double[layer.outputShape().size()];
            deltas[i + 1] = new double[layer.outputShape().size()];
        }
    }

    @Override
    protected void writeParameters(NamedTensors parameters) {
        store.load(parameters);
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        return store.valuesAsFloats();
    }

    @Override
    public void forward(Batch batch, float[] scores) {
        checkLoaded();
        int classes = model().classes();
        for (int n = 0; n < batch.size(); n++) {
            double[] y = forwardSample(batch, n);
            for (int c = 0; c < classes; c++) {
                scores[n * classes + c] = (float) y[c];
            }
        }
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        double loss = computeGradients(batch);
        return new LossAndGradients(loss, ParameterStore.toFloats(model().trainableParameters(), store.gradients()));
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        checkLoaded();
        store.zeroCurvature();
        int last = layers.size();
        for (int n = 0; n < batch.size(); n++) {
            forwardSample(batch, n);
            loss.curvatureWeights(activations[last], batch.labels()[n], deltas[last]);
            for (int i = last - 1; i >= 0; i--) {
                layers.get(i).curvature(activations[i], activations[i + 1], deltas[i + 1], i == 0 ? null : deltas[i]);
            }
        }
        ParameterStore.scale(store.curvatures(), 1.0 / batch.size());
        return ParameterStore.toFloats(model().trainableParameters(), store.curvatures());
    }

    @Override
    public void setOptimizer(OptimizerSpec optimizer) {
        checkOpen();
        this.optimizer = new OptimizerState(optimizer, model().trainableParameters());
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        checkOpen();
        if (optimizer == null || !(optimizer.spec() instanceof OptimizerSpec.Sdlm)) {
            throw new IllegalStateException("setCurvature is for SDLM; the optimizer is "
                    + (optimizer == null ? "not set" : optimizer.spec().id()));
        }
        curvature.requireLayout(model(), model().trainableParameters(), "reference: setCurvature");
        Map<String, double[]> h = new java.util.HashMap<>();
        curvature.asMap().forEach((name, t) -> {
            double[] d = new double[t.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.data()[i];
            }
            h.put(name, d);
        });
        optimizer.setCurvature(h);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        if (optimizer == null) {
            throw new IllegalStateException("trainStep before setOptimizer");
        }
        double loss = computeGradients(batch);
        optimizer.beginStep();
        for (ParameterSpec p : model().trainableParameters()) {
            optimizer.update(p.name(), store.value(p.name()), store.gradient(p.name()), learningRate);
        }
        return loss;
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        ReferenceLayer layer = layers.get(model().layers().indexOf(model().layer(layerName)));
        return new ReferenceLayerKernel(layerName, layer, store, model().parametersOf(layerName), batchSize);
    }

    @Override
    protected void release() {
        // nothing outside the Java heap
    }

    /** For tests in this package: the double-precision parameters, gradients and curvature. */
    ParameterStore store() {
        return store;
    }

    /** For tests in this package: the mean loss with the current double-precision parameters. */
    double meanLoss(Batch batch) {
        int last = layers.size();
        double total = 0;
        for (int n = 0; n < batch.size(); n++) {
            forwardSample(batch, n);
            total += loss.lossAndGradient(activations[last], batch.labels()[n], deltas[last]);
        }
        return total / batch.size();
    }

    /** For tests in this package: the activations of sample {@code n} after a forward pass, per layer output. */
    double[] activation(Batch batch, int n, int layerOutput) {
        forwardSample(batch, n);
        return activations[layerOutput].clone();
    }

    /** Mean loss over the batch; leaves the mean gradients in the store. */
    private double computeGradients(Batch batch) {
        store.zeroGradients();
        int last = layers.size();
        double total = 0;
        for (int n = 0; n < batch.size(); n++) {
            forwardSample(batch, n);
            total += loss.lossAndGradient(activations[last], batch.labels()[n], deltas[last]);
            for (int i = last - 1; i >= 0; i--) {
                layers.get(i).backward(activations[i], activations[i + 1], deltas[i + 1], i == 0 ? null : deltas[i]);
            }
        }
        ParameterStore.scale(store.gradients(), 1.0 / batch.size());
        return total / batch.size();
    }

    private double[] forwardSample(Batch batch, int n) {
        int size = activations[0].length;
        float[] images = batch.images();
        for (int i = 0; i < size; i++) {
            activations[0][i] = images[n * size + i];
        }
        int label = batch.labels()[n];
        if (label < 0 || label >= model().classes()) {
            throw new IllegalArgumentException("batch sample " + n + " has label " + label + ", expected 0.."
                    + (model().classes() - 1));
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(activations[i], activations[i + 1]);
        }
        return activations[layers.size()];
    }

}
