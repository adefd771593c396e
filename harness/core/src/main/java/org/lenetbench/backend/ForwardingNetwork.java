package org.lenetbench.backend;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;

/** A network that passes every call to another: a base for decorators (deliberately broken test backends, probes). */
public class ForwardingNetwork implements Network {
    protected final Network delegate;

    public ForwardingNetwork(Network delegate) {
        this.delegate = delegate;
    }

    @Override
    public ModelSpec model() {
        return delegate.model();
    }

    @Override
    public Device device() {
        return delegate.device();
    }

    @Override
    public int threads() {
        return delegate.threads();
    }

    @Override
    public void loadParameters(NamedTensors parameters) {
        delegate.loadParameters(parameters);
    }

    @Override
    public NamedTensors parameters() {
        return delegate.parameters();
    }

    @Override
    public void forward(Batch batch, float[] scores) {
        delegate.forward(batch, scores);
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        return delegate.lossAndGradients(batch);
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        return delegate.curvature(batch);
    }

    @Override
    public void setOptimizer(OptimizerSpec optimizer) {
        delegate.setOptimizer(optimizer);
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        delegate.setCurvature(curvature);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        return delegate.trainStep(batch, learningRate);
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        return delegate.layer(layerName, batchSize);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
