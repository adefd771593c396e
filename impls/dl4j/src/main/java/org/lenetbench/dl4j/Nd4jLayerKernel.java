package org.lenetbench.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.Subsampling;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer as single libnd4j ops ({@link Nd4jLayerOps}): the kernels a SameDiff network runs, timed without
 * SameDiff's per-call graph execution (about 1.5 ms per call on this machine, more than most LeNet layers take at
 * batch 64). Parameters hold the network's values when the kernel was made; convolution weights are permuted to
 * YXIO once here, and their gradients back to the canonical layout (and C3's mask) only when read.
 */
final class Nd4jLayerKernel extends AbstractLayerKernel {
    private final Layer layer;
    private final int threads;
    private final INDArray x;
    private final INDArray y;
    private final INDArray dy;
    private final INDArray dx;
    /** The layer's parameters, canonical layouts (convolution: also {@link #weightYxio}). */
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    /** Gradients of the trainable parameters, in the layouts the ops produce. */
    private final Map<String, INDArray> gradients = new LinkedHashMap<>();
    private INDArray weightYxio;
    private INDArray mask;
    /** What the backward needs from the forward: pooled means, tanh values, ReLU inputs, RBF differences. */
    private INDArray saved;
    private INDArray scale;
    /** Trainable subsampling: the gradient of the pooled means. */
    private INDArray pooledGradient;
    private boolean forwardDone;
    private boolean backwardDone;

    Nd4jLayerKernel(ModelSpec model, String layerName, int batchSize, NamedTensors values, int threads) {
        super(Dl4jBackend.ID, model, layerName, batchSize);
        this.layer = model.layer(layerName);
        this.threads = threads;
        x = Nd4j.create(DataType.FLOAT, Nd4jLayerOps.activationShape(inputShape(), batchSize));
        dx = x.ulike();
        y = Nd4j.create(DataType.FLOAT, Nd4jLayerOps.activationShape(outputShape(), batchSize));
        dy = y.ulike();
        model.parametersOf(layerName).forEach(spec -> parameters.put(spec.name(), Nd4j.create(
                values.get(spec.name()).data(), Nd4jArrays.shape(spec.shape()), 'c')));
        model.parametersOf(layerName).stream().filter(spec -> spec.trainable())
                .forEach(spec -> gradients.put(spec.name(), parameters.get(spec.name()).ulike()));
        switch (layer) {
            case Convolution c -> {
                INDArray w = parameters.get(c.name() + ".weight");
                mask = SameDiffLayers.connectionMask(c, inputShape());
                weightYxio = w.mul(mask).permute(2, 3, 1, 0).dup('c');
                gradients.put(c.name() + ".weight", weightYxio.ulike()).close(); // replaces the canonical-shaped one
            }
            case Subsampling s when s.kind() == Subsampling.Kind.TRAINABLE -> {
                saved = y.ulike();
                pooledGradient = y.ulike();
                scale = parameters.get(s.name() + ".coef").mul((double) s.window() * s.window());
            }
            case Activation a -> saved = x.ulike();
            case Output o when o.kind() == Output.Kind.RBF ->
                    saved = Nd4j.create(DataType.FLOAT, batchSize, o.classes(), inputShape().size());
            default -> {
            }
        }
    }

    @Override
    public void setInput(float[] values) {
        checkOpen();
        requireBatchOf("input", values, inputShape());
        Nd4jArrays.write(x, values, values.length);
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
        String n = layer.name();
        switch (layer) {
            case Convolution c -> Nd4jLayerOps.convolution(c, x, weightYxio, parameters.get(n + ".bias"), y);
            case Subsampling s when s.kind() == Subsampling.Kind.TRAINABLE -> {
                Nd4jLayerOps.pool(s, x, saved);
                Nd4jLayerOps.scaleAndShift(saved, scale, parameters.get(n + ".bias"), y);
            }
            case Subsampling s -> Nd4jLayerOps.pool(s, x, y);
            case Activation a -> Nd4jLayerOps.activation(a.function(), x, saved, y);
            case FullyConnected f -> Nd4jLayerOps.dense(flat(x), parameters.get(n + ".weight"), parameters.get(n + ".bias"), y);
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    Nd4jLayerOps.dense(flat(x), parameters.get(n + ".weight"), parameters.get(n + ".bias"), y);
            case Output o -> Nd4jLayerOps.rbf(flat(x), parameters.get(n + ".centres"), saved, y);
        }
        forwardDone = true;
    }

    @Override
    public void backward() {
        checkOpen();
        if (!forwardDone) {
            throw new IllegalStateException(layerName() + ": backward() before forward()");
        }
        Nd4jRuntime.useThreads(threads);
        String n = layer.name();
        switch (layer) {
            case Convolution c -> Nd4jLayerOps.convolutionBackward(c, x, weightYxio, parameters.get(n + ".bias"), dy, dx,
                    gradients.get(n + ".weight"), gradients.get(n + ".bias"));
            case Subsampling s when s.kind() == Subsampling.Kind.TRAINABLE -> {
                double area = (double) s.window() * s.window();
                gradients.get(n + ".coef").assign(dy.mul(saved).sum(0, 2, 3).muli(area));
                gradients.get(n + ".bias").assign(dy.sum(0, 2, 3));
                Nd4jLayerOps.scale(pooledGradient.assign(dy), scale);
                Nd4jLayerOps.poolBackward(s, x, pooledGradient, dx);
            }
            case Subsampling s -> Nd4jLayerOps.poolBackward(s, x, dy, dx);
            case Activation a -> Nd4jLayerOps.activationBackward(a.function(), saved, y, dy, dx);
            case FullyConnected f -> Nd4jLayerOps.denseBackward(flat(x), parameters.get(n + ".weight"), dy, flat(dx),
                    gradients.get(n + ".weight"), gradients.get(n + ".bias"));
            case Output o when o.kind() == Output.Kind.LINEAR -> Nd4jLayerOps.denseBackward(flat(x),
                    parameters.get(n + ".weight"), dy, flat(dx), gradients.get(n + ".weight"), gradients.get(n + ".bias"));
            case Output o -> Nd4jLayerOps.rbfBackward(saved, dy, flat(dx));
        }
        backwardDone = true;
    }

    /** {@code [n, C·H·W]}: a view of a contiguous NCHW array. */
    private INDArray flat(INDArray a) {
        return a.rank() == 2 ? a : a.reshape('c', batchSize(), inputShape().size());
    }

    @Override
    public void output(float[] out) {
        checkOpen();
        if (!forwardDone) {
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
        Nd4jArrays.read(dx, out, out.length);
    }

    @Override
    public NamedTensors parameterGradients() {
        checkOpen();
        requireBackward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        gradients.forEach((name, g) -> {
            INDArray canonical = mask != null && name.endsWith(".weight") ? g.permute(3, 2, 0, 1).mul(mask) : g;
            out.put(name, new Tensor(toInts(parameters.get(name).shape()), Nd4jArrays.read(canonical)));
        });
        return new NamedTensors(out);
    }

    private static int[] toInts(long[] shape) {
        return java.util.Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }

    private void requireBackward() {
        if (!backwardDone) {
            throw new IllegalStateException(layerName() + ": no backward() yet");
        }
    }

    @Override
    protected void release() {
        for (INDArray a : new INDArray[] {x, y, dx, dy, weightYxio, mask, saved, scale, pooledGradient}) {
            if (a != null) {
                a.close();
            }
        }
        parameters.values().forEach(INDArray::close);
        gradients.values().forEach(INDArray::close);
    }
}
