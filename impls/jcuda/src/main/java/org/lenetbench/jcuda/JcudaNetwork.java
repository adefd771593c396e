package org.lenetbench.jcuda;

import java.util.ArrayList;
import java.util.List;
import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.jcuda.layers.DeviceLayer;
import org.lenetbench.jcuda.layers.DeviceLayers;
import org.lenetbench.jcuda.layers.FusedLayer;
import org.lenetbench.jcuda.training.DeviceLoss;
import org.lenetbench.jcuda.training.DeviceOptimizer;
import org.lenetbench.jcuda.training.DeviceParameters;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;

/**
 * A model resident on the GPU: parameters, gradients, optimizer state and every layer's activations stay on
 * the device; a training step uploads the images and labels and downloads the batch's losses, nothing else.
 */
final class JcudaNetwork extends AbstractNetwork {
    private final Gpu gpu;
    private final DeviceParameters parameters;
    /** The model's layers, each activation fused into the layer before it where it can be ({@link FusedLayer}). */
    private final List<DeviceLayer> layers = new ArrayList<>();
    /** activations.get(i) is layer i's input; the last one holds the scores. */
    private final List<Workspace> activations = new ArrayList<>();
    /** gradients.get(i) is the gradient of the loss with respect to activations.get(i); index 0 is never used. */
    private final List<Workspace> gradients = new ArrayList<>();
    private final DeviceLoss loss;
    private DeviceOptimizer optimizer;

    JcudaNetwork(Gpu gpu, ModelSpec model, Device device) {
        super(JcudaBackend.ID, model, device, 1); // one host thread drives the GPU
        this.gpu = gpu;
        this.parameters = new DeviceParameters(gpu, model);
        activations.add(new Workspace(gpu, model.input().shape().size()));
        gradients.add(null);
        for (DeviceLayer layer : DeviceLayers.network(gpu, model, parameters)) {
            layers.add(layer);
            activations.add(new Workspace(gpu, layer.outputShape().size()));
            gradients.add(new Workspace(gpu, layer.outputShape().size()));
        }
        this.loss = new DeviceLoss(gpu, model);
    }

    @Override
    protected void writeParameters(NamedTensors values) {
        parameters.load(values);
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        return parameters.values();
    }

    @Override
    public void forward(Batch batch, float[] scores) {
        checkLoaded();
        int n = batch.size();
        runForward(batch, n);
        gpu.download(activations.getLast().forBatch(n), scores, 0, n * model().classes());
    }

    private void runForward(Batch batch, int n) {
        DeviceBuffer input = activations.getFirst().forBatch(n);
        gpu.upload(batch.images(), 0, input, n * batch.imageShape().size());
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(activations.get(i).forBatch(n), activations.get(i + 1).forBatch(n), n);
        }
    }

    /** Forward, loss and backward: the gradients of the batch-mean loss end up in the parameters' gradient buffer. */
    private double forwardBackward(Batch batch) {
        int n = batch.size();
        runForward(batch, n);
        double mean = loss.compute(activations.getLast().forBatch(n), batch.labels(), n, gradients.getLast().forBatch(n));
        for (int i = layers.size() - 1; i >= 0; i--) {
            DeviceBuffer dx = i == 0 ? null : gradients.get(i).forBatch(n); // no one needs the image gradient
            layers.get(i).backward(activations.get(i).forBatch(n), activations.get(i + 1).forBatch(n),
                    gradients.get(i + 1).forBatch(n), dx, n);
        }
        return mean;
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        double mean = forwardBackward(batch);
        return new LossAndGradients(mean, parameters.trainableGradientValues());
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        checkLoaded();
        throw new UnsupportedOperationException(DeviceOptimizer.SDLM_UNSUPPORTED);
    }

    @Override
    public void setOptimizer(OptimizerSpec spec) {
        checkOpen();
        DeviceOptimizer replacement = new DeviceOptimizer(gpu, spec, parameters);
        if (optimizer != null) {
            optimizer.close();
        }
        optimizer = replacement;
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        checkOpen();
        throw new UnsupportedOperationException(DeviceOptimizer.SDLM_UNSUPPORTED);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        if (optimizer == null) {
            throw new IllegalStateException("jcuda network " + model().name() + ": setOptimizer was not called");
        }
        double mean = forwardBackward(batch);
        optimizer.step(learningRate);
        return mean;
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        return new JcudaLayerKernel(gpu, model(), layerName, batchSize, parameters);
    }

    @Override
    protected void release() {
        layers.forEach(DeviceLayer::close);
        activations.forEach(Workspace::close);
        gradients.stream().skip(1).forEach(Workspace::close);
        loss.close();
        if (optimizer != null) {
            optimizer.close();
        }
        parameters.close();
    }
}
