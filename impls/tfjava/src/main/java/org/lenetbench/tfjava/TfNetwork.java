package org.lenetbench.tfjava;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model as one TensorFlow graph (graph mode: eager results are freed only by the garbage collector).
 * Parameters are variables in {@link TfLayout}'s layouts; the forward pass, the batch-mean loss, its
 * gradients ({@code Graph.addGradients}) and the optimizer's updates are ops of the same graph, so a
 * training step is one {@code Session.run}. Images go in as NHWC, which for one input channel is the
 * contract's NCHW byte for byte: the only per-step copies are the images and labels in and the loss out.
 */
final class TfNetwork extends AbstractNetwork {
    private final Graph graph;
    private final Ops tf;
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> labels;
    private final Operand<TFloat32> scores;
    private final Operand<TFloat32> meanLoss;
    /** A copy of the labels: the cheapest op that consumes a feed (a fed tensor cannot be fetched itself). */
    private final Operand<TInt32> labelsEcho;
    private final List<TfParameter> parameters = new ArrayList<>();
    private final List<TfParameter> trainable = new ArrayList<>();
    private final List<Operand<TFloat32>> gradients = new ArrayList<>();
    private final List<Op> gradientsDone = new ArrayList<>();
    private final Map<String, TfOptimizer> optimizers = new HashMap<>();
    private final FeedTensors feeds;
    private OptimizerSpec optimizerSpec;
    private TfOptimizer optimizer;
    private TFloat32[] optimizerScalars;

    TfNetwork(ModelSpec model, int threads) {
        super(TfBackend.ID, model, Device.CPU, threads);
        this.graph = new Graph();
        try {
            this.tf = Ops.create(graph);
            Shape in = model.input().shape();
            this.images = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(TfLayout.activationShape(in, -1))));
            this.labels = tf.withName("labels").placeholder(TInt32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1)));
            Map<String, Operand<TFloat32>> values = new HashMap<>();
            for (ParameterSpec spec : model.parameters()) {
                TfParameter p = new TfParameter(tf, TfLayout.of(model, spec));
                parameters.add(p);
                values.put(spec.name(), p.value);
                if (spec.trainable()) {
                    trainable.add(p);
                }
            }
            TfLayerOps layerOps = new TfLayerOps(tf);
            Operand<TFloat32> x = images;
            for (int i = 0; i < model.layers().size(); i++) {
                x = layerOps.apply(model.layers().get(i), model.inputShapeOf(i), x, values::get);
            }
            this.scores = tf.withName("scores").identity(x);
            this.labelsEcho = tf.withName("labels_echo").identity(labels);
            this.meanLoss = tf.withName("loss").identity(TfLoss.mean(tf, model.loss(), scores, labels, model.classes()));
            for (Operand<?> g : tf.gradients(meanLoss, trainable.stream().map(p -> p.value).toList())) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> gradient = (Operand<TFloat32>) g;
                gradients.add(gradient);
                gradientsDone.add(gradient);
            }
            gradientsDone.add(meanLoss);
            this.session = TfSessions.open(graph, threads);
            this.feeds = new FeedTensors(in);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    @Override
    protected void writeParameters(NamedTensors values) {
        List<TFloat32> tensors = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (TfParameter p : parameters) {
                TFloat32 t = TfTensors.floats(p.layout.tfShape(), p.layout.toTf(values.get(p.spec.name()).data()));
                tensors.add(t);
                runner.feed(p.newValue, t).addTarget(p.load);
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        Session.Runner runner = session.runner();
        parameters.forEach(p -> runner.fetch(p.value));
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < parameters.size(); i++) {
                TfParameter p = parameters.get(i);
                out.put(p.spec.name(), new Tensor(p.spec.shape(), p.layout.toCanonical(TfTensors.read(result.get(i)))));
            }
        }
        return new NamedTensors(out);
    }

    @Override
    public void forward(Batch batch, float[] scoresOut) {
        checkLoaded();
        FeedTensors.Pair feed = feeds.fill(batch);
        try (Result result = session.runner().feed(images, feed.images()).fetch(scores).run()) {
            TfTensors.read(result.get(0), scoresOut, batch.size() * model().classes());
        }
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        FeedTensors.Pair feed = feeds.fill(batch);
        Session.Runner runner = session.runner().feed(images, feed.images()).feed(labels, feed.labels()).fetch(meanLoss);
        gradients.forEach(runner::fetch);
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < trainable.size(); i++) {
                TfParameter p = trainable.get(i);
                out.put(p.spec.name(), new Tensor(p.spec.shape(), p.layout.toCanonical(TfTensors.read(result.get(i + 1)))));
            }
            return new LossAndGradients(readScalar(result.get(0)), new NamedTensors(out));
        }
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        throw new UnsupportedOperationException(TfBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public void setOptimizer(OptimizerSpec spec) {
        checkOpen();
        if (spec instanceof OptimizerSpec.Sdlm) {
            throw new UnsupportedOperationException(TfBackend.SDLM_UNSUPPORTED);
        }
        TfOptimizer built = optimizers.computeIfAbsent(spec.getClass().getSimpleName(),
                kind -> TfOptimizer.build(tf, spec, trainable, gradients, gradientsDone));
        built.reset(session);
        closeScalars();
        optimizerScalars = new TFloat32[built.scalars().size()];
        for (int i = 0; i < optimizerScalars.length; i++) {
            optimizerScalars[i] = TFloat32.scalarOf(0f);
        }
        this.optimizer = built;
        this.optimizerSpec = spec;
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        throw new UnsupportedOperationException(TfBackend.SDLM_UNSUPPORTED);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        try (Result result = stepRunner(batch, learningRate).fetch(meanLoss).addTarget(optimizer.update()).run()) {
            return readScalar(result.get(0));
        }
    }

    /**
     * Everything {@link #trainStep} does on the Java side and across JNI — copying the batch in, feeding the
     * optimizer's scalars, one session run, reading a scalar back — with TensorFlow given nothing to compute
     * but a copy of the labels. The adapter's own cost, for {@code TfAdapterCostBenchmark}; counts an optimizer
     * step, so it is not for use between real steps.
     */
    int adapterOnlyStep(Batch batch, double learningRate) {
        checkLoaded();
        try (Result result = stepRunner(batch, learningRate).fetch(labelsEcho).run()) {
            return ((TInt32) result.get(0)).getInt(0);
        }
    }

    private Session.Runner stepRunner(Batch batch, double learningRate) {
        if (optimizer == null) {
            throw new IllegalStateException("tfjava: setOptimizer was not called before trainStep");
        }
        FeedTensors.Pair feed = feeds.fill(batch);
        Session.Runner runner = session.runner().feed(images, feed.images()).feed(labels, feed.labels());
        float[] values = optimizer.feedValues(optimizerSpec, learningRate);
        for (int i = 0; i < values.length; i++) {
            optimizerScalars[i].setFloat(values[i]);
            runner.feed(optimizer.scalars().get(i), optimizerScalars[i]);
        }
        return runner;
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        List<ParameterSpec> specs = model().parametersOf(layerName);
        return new TfLayerKernel(model(), layerName, batchSize, parameters().select(specs), threads());
    }

    @Override
    protected void release() {
        closeScalars();
        feeds.close();
        session.close();
        graph.close();
    }

    private void closeScalars() {
        if (optimizerScalars != null) {
            for (TFloat32 t : optimizerScalars) {
                t.close();
            }
            optimizerScalars = null;
        }
    }

    private static double readScalar(org.tensorflow.Tensor t) {
        return ((TFloat32) t).getFloat();
    }
}
