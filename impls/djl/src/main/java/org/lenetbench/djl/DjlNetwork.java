package org.lenetbench.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * A model as a DJL SequentialBlock on the PyTorch engine. Parameters live in the network's NDManager; every
 * array a call creates (activations, the autograd graph, gradients' handles, optimizer temporaries) is made
 * inside an {@link NDScope} that closes it when the call returns, so nothing accumulates from step to step.
 * PyTorch adds gradients up until they are zeroed: every gradient is zeroed before each backward pass.
 */
final class DjlNetwork extends AbstractNetwork {
    private final Engine engine;
    private final NDManager manager;
    private final SequentialBlock net;
    private final ParameterStore store;
    private final Map<String, Parameter> parameters;
    private final List<ParameterSpec> trainableSpecs;
    private final List<NDArray> trainable = new ArrayList<>();
    private final Loss loss;
    private final Map<Integer, Feed> feeds = new HashMap<>();
    private DjlOptimizer optimizer;

    DjlNetwork(ModelSpec model, int threads, Engine engine) {
        super(DjlBackend.ID, model, Device.CPU, threads);
        this.engine = engine;
        this.manager = engine.newBaseManager();
        try {
            this.parameters = new LinkedHashMap<>();
            this.net = DjlLayers.model(model, manager, parameters);
            this.store = new ParameterStore(manager, false);
            this.trainableSpecs = model.trainableParameters();
            for (ParameterSpec spec : trainableSpecs) {
                trainable.add(parameters.get(spec.name()).getArray());
            }
            this.loss = switch (model.loss()) {
                case org.lenetbench.model.Loss.SoftmaxCrossEntropy ce -> Loss.softmaxCrossEntropyLoss();
                case org.lenetbench.model.Loss.Map map -> new MapLoss(map.j(), model.classes());
            };
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    @Override
    protected void writeParameters(NamedTensors values) {
        for (ParameterSpec spec : model().parameters()) {
            parameters.get(spec.name()).getArray().set(values.get(spec.name()).data());
        }
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec spec : model().parameters()) {
            out.put(spec.name(), new Tensor(spec.shape(), parameters.get(spec.name()).getArray().toFloatArray()));
        }
        return new NamedTensors(out);
    }

    @Override
    public void forward(Batch batch, float[] scores) {
        checkLoaded();
        Feed feed = fill(batch);
        try (NDScope scope = new NDScope(); NoGrad noGrad = new NoGrad()) {
            NDArray y = net.forward(store, new NDList(feed.images()), false).singletonOrThrow();
            y.toByteBuffer().asFloatBuffer().get(scores, 0, batch.size() * model().classes());
        }
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        try (NDScope scope = new NDScope()) {
            double value = backward(batch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (int i = 0; i < trainable.size(); i++) {
                ParameterSpec spec = trainableSpecs.get(i);
                out.put(spec.name(), new Tensor(spec.shape(), trainable.get(i).getGradient().toFloatArray()));
            }
            return new LossAndGradients(value, new NamedTensors(out));
        }
    }

    /** Zeroes the gradients, runs forward and backward; returns the batch-mean loss. Call inside an NDScope. */
    private double backward(Batch batch) {
        Feed feed = fill(batch);
        for (NDArray w : trainable) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray scores = net.forward(store, new NDList(feed.images()), true).singletonOrThrow();
            NDArray value = loss.evaluate(new NDList(feed.labels()), new NDList(scores));
            collector.backward(value);
            return value.getFloat();
        }
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        throw new UnsupportedOperationException(DjlBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public void setOptimizer(OptimizerSpec spec) {
        checkOpen();
        if (spec instanceof OptimizerSpec.Sdlm) {
            throw new UnsupportedOperationException(DjlBackend.SDLM_UNSUPPORTED);
        }
        if (optimizer != null) {
            optimizer.close();
        }
        optimizer = new DjlOptimizer(spec, trainable, manager);
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        throw new UnsupportedOperationException(DjlBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        if (optimizer == null) {
            throw new IllegalStateException("djl: setOptimizer was not called before trainStep");
        }
        try (NDScope scope = new NDScope()) {
            double value = backward(batch);
            List<NDArray> gradients = new ArrayList<>(trainable.size());
            for (NDArray w : trainable) {
                gradients.add(w.getGradient());
            }
            try (NoGrad noGrad = new NoGrad()) {
                optimizer.update(trainable, gradients, learningRate);
            }
            return value;
        }
    }

    /**
     * What {@link #trainStep} costs on the Java side and across JNI apart from PyTorch's computation: copying the
     * batch's images and labels into the native arrays and reading a scalar back. The adapter's own cost, for
     * {@code DjlAdapterCostBenchmark}.
     */
    float adapterOnlyStep(Batch batch) {
        checkLoaded();
        return fill(batch).images().getFloat(0, 0, 0, 0);
    }

    /**
     * The batch's images (NCHW, the contract's layout) and labels, copied into arrays reused per batch size. The
     * copies go through direct buffers owned here: given a heap buffer, DJL's {@code set} allocates a fresh
     * direct buffer on every call (DjlAdapterCostBenchmark, batch 64: 938 ± 196 µs for the copies that way,
     * 18 ± 7 µs this way).
     */
    private Feed fill(Batch batch) {
        int n = batch.size();
        Feed feed = feeds.computeIfAbsent(n, this::newFeed);
        int pixels = n * model().input().shape().size();
        feed.imageBytes.clear();
        feed.imageBytes.asFloatBuffer().put(batch.images(), 0, pixels);
        feed.labelBytes.clear();
        feed.labelBytes.asIntBuffer().put(batch.labels(), 0, n);
        feed.images.set(feed.imageBytes);
        feed.labels.set(feed.labelBytes);
        return feed;
    }

    /** The arrays of one batch size and the direct buffers their values are copied through. */
    private record Feed(NDArray images, NDArray labels, ByteBuffer imageBytes, ByteBuffer labelBytes) {
    }

    private Feed newFeed(int size) {
        NDArray images = manager.create(DjlLayers.nchw(model().input().shape(), size), DataType.FLOAT32);
        NDArray labels = manager.create(new ai.djl.ndarray.types.Shape(size), DataType.INT32);
        NDScope.unregister(images, labels); // they outlive the call that creates them
        int pixels = size * model().input().shape().size();
        return new Feed(images, labels, ByteBuffer.allocateDirect(pixels * Float.BYTES).order(ByteOrder.nativeOrder()),
                ByteBuffer.allocateDirect(size * Integer.BYTES).order(ByteOrder.nativeOrder()));
    }

    /** NDArrays alive in this network's manager and PyTorch's system manager: for the leak test. */
    int liveArrays() {
        return manager.getManagedArrays().size()
                + manager.getParentManager().getManagedArrays().size(); // the parent is the engine's system manager
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        return new DjlLayerKernel(model(), layerName, batchSize, parameters().select(model().parametersOf(layerName)), engine);
    }

    @Override
    protected void release() {
        if (optimizer != null) {
            optimizer.close();
        }
        manager.close();
    }

}
