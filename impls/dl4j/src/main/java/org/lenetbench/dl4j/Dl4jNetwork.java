package org.lenetbench.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model as one SameDiff graph: placeholders for the images and the one-hot labels, a variable per trainable
 * parameter (a constant for fixed ones such as the RBF centres), the forward pass, the batch-mean loss and its
 * gradient graph. A training step is one {@code calculateGradientsAndOutputs} followed by the harness's update
 * written with in-place ND4J ops ({@link Nd4jOptimizer}); parameters keep the canonical layouts, so loading and
 * reading them is a plain copy.
 */
final class Dl4jNetwork extends AbstractNetwork {
    private static final String SCORES = "scores";
    private static final String LOSS = "loss";

    private final SameDiff sd;
    /** SameDiff's name of each canonical parameter, in {@link ModelSpec#parameters()} order. */
    private final Map<ParameterSpec, String> variableNames = new LinkedHashMap<>();
    private final List<ParameterSpec> trainable = new ArrayList<>();
    private final List<String> trainableNames = new ArrayList<>();
    private final List<String> lossOnly = List.of(LOSS);
    private final Feed feed;
    private final List<INDArray> gradientBuffer = new ArrayList<>();
    /** The trainable variables' own arrays (updated in place), in {@link #trainableNames} order. */
    private final List<INDArray> trainableArrays = new ArrayList<>();
    private Nd4jOptimizer optimizer;

    Dl4jNetwork(ModelSpec model, int threads) {
        super(Dl4jBackend.ID, model, Device.CPU, threads);
        Shape in = model.input().shape();
        this.sd = SameDiff.create();
        SDVariable images = sd.placeHolder(Feed.IMAGES, DataType.FLOAT, -1, in.channels(), in.height(), in.width());
        SDVariable oneHot = sd.placeHolder(Feed.LABELS, DataType.FLOAT, -1, model.classes());
        Map<String, SDVariable> values = new LinkedHashMap<>();
        for (ParameterSpec spec : model.parameters()) {
            String name = spec.name().replace('.', '_');
            long[] shape = Nd4jArrays.shape(spec.shape());
            SDVariable v = spec.trainable() ? sd.var(name, DataType.FLOAT, shape)
                    : sd.constant(name, org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, shape));
            values.put(spec.name(), v);
            variableNames.put(spec, name);
            if (spec.trainable()) {
                trainable.add(spec);
                trainableNames.add(name);
            }
        }
        SameDiffLayers layers = new SameDiffLayers(sd);
        SDVariable x = images;
        for (int i = 0; i < model.layers().size(); i++) {
            x = layers.apply(model.layers().get(i), model.inputShapeOf(i), x, values::get);
        }
        SDVariable scores = x.rename(SCORES);
        SameDiffLoss.mean(sd, model.loss(), scores, oneHot).rename(LOSS);
        sd.setLossVariables(LOSS);
        QuietSameDiff.createGradFunction(sd);
        trainableNames.forEach(name -> trainableArrays.add(sd.getArrForVarName(name)));
        this.feed = new Feed(in, model.classes());
    }

    @Override
    protected void writeParameters(NamedTensors values) {
        variableNames.forEach((spec, name) -> {
            float[] data = values.get(spec.name()).data();
            Nd4jArrays.write(sd.getArrForVarName(name), data, data.length);
        });
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        Map<String, Tensor> out = new LinkedHashMap<>();
        variableNames.forEach((spec, name) ->
                out.put(spec.name(), new Tensor(spec.shape(), Nd4jArrays.read(sd.getArrForVarName(name)))));
        return new NamedTensors(out);
    }

    @Override
    public void forward(Batch batch, float[] scoresOut) {
        checkLoaded();
        Nd4jRuntime.useThreads(threads());
        INDArray scores = sd.output(feed.fill(batch).placeholders(), List.of(SCORES)).get(SCORES);
        Nd4jArrays.read(scores, scoresOut, batch.size() * model().classes());
        scores.close();
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        OutAndGrad result = run(batch);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            ParameterSpec spec = trainable.get(i);
            INDArray g = result.getGradients().get(trainableNames.get(i));
            out.put(spec.name(), new Tensor(spec.shape(), Nd4jArrays.read(g)));
        }
        double loss = result.getOutputs().get(LOSS).getDouble(0);
        release(result);
        return new LossAndGradients(loss, new NamedTensors(out));
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        throw new UnsupportedOperationException(Dl4jBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public void setOptimizer(OptimizerSpec spec) {
        checkOpen();
        if (spec instanceof OptimizerSpec.Sdlm) {
            throw new UnsupportedOperationException(Dl4jBackend.SDLM_UNSUPPORTED);
        }
        Nd4jOptimizer built = new Nd4jOptimizer(spec, trainableArrays);
        if (optimizer != null) {
            optimizer.close();
        }
        optimizer = built;
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        throw new UnsupportedOperationException(Dl4jBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        if (optimizer == null) {
            throw new IllegalStateException("dl4j: setOptimizer was not called before trainStep");
        }
        OutAndGrad result = run(batch);
        gradientBuffer.clear();
        trainableNames.forEach(name -> gradientBuffer.add(result.getGradients().get(name)));
        optimizer.update(trainableArrays, gradientBuffer, learningRate);
        double loss = result.getOutputs().get(LOSS).getDouble(0);
        release(result);
        return loss;
    }

    /**
     * Everything {@link #trainStep} does on the Java side and across the native boundary that is not ND4J
     * computing — setting the thread count, copying the images and labels into the placeholders' arrays, reading
     * a scalar back — with no graph run. The adapter's own cost, for {@code Dl4jAdapterCostBenchmark}.
     */
    double adapterOnlyStep(Batch batch) {
        checkLoaded();
        Nd4jRuntime.useThreads(threads());
        return feed.fill(batch).oneHot().getDouble(0);
    }

    private OutAndGrad run(Batch batch) {
        Nd4jRuntime.useThreads(threads());
        return sd.calculateGradientsAndOutputs(feed.fill(batch).placeholders(), lossOnly, trainableNames);
    }

    /** The step's outputs and gradients are fresh arrays: freed now rather than when the collector finds them. */
    private static void release(OutAndGrad result) {
        result.getOutputs().values().forEach(INDArray::close);
        result.getGradients().values().forEach(INDArray::close);
    }

    /** The layer as single libnd4j ops, what the layer benchmarks time ({@link Nd4jLayerKernel}). */
    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        List<ParameterSpec> specs = model().parametersOf(layerName);
        return new Nd4jLayerKernel(model(), layerName, batchSize, parameters().select(specs), threads());
    }

    /** The layer as the SameDiff ops training runs, differentiated by SameDiff ({@link SameDiffLayerKernel}). */
    LayerKernel sameDiffLayer(String layerName, int batchSize) {
        checkLoaded();
        List<ParameterSpec> specs = model().parametersOf(layerName);
        return new SameDiffLayerKernel(model(), layerName, batchSize, parameters().select(specs), threads());
    }

    @Override
    protected void release() {
        if (optimizer != null) {
            optimizer.close();
        }
        feed.close();
        variableNames.values().forEach(name -> sd.getArrForVarName(name).close());
    }
}
