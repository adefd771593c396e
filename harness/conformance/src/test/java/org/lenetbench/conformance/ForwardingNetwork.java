package org.lenetbench.conformance;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;

/** A network that passes every call to another: the base of the deliberately broken test backends. */
class ForwardingNetwork implements Network {
    protected final Network delegate;

    ForwardingNetwork(Network delegate) {
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
