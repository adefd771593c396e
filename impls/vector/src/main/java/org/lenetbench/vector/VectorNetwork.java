package org.lenetbench.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;

/**
 * A model in float32: samples of a batch are split over a fixed pool of workers ({@link BatchParallel}),
 * each with its own {@link Workspace}; their gradient sums are added in worker order, then averaged, and the
 * optimizer's step taken, by the same workers, each on its own range of the parameters.
 * The loss of each pattern is this backend's own ({@link FloatLoss}), and so is SDLM's curvature estimate
 * ({@link GaussNewtonPass}: one thread, plain loops; it runs on 500 patterns per epoch).
 *
 * <p>A worker takes its samples a group (one per lane) at a time. A whole group is copied into the batch-in-lanes
 * layout once and goes through the leading layers that take it (the {@link #trunk}: LeNet-5's C1 to S4) without
 * leaving it. Before, the copies in and out of that layout at every layer took about a sixth of a one-thread
 * training step, and the activation and subsampling layers, which took single samples, about a sixth and a fifth
 * (builds without each, measured: impls/vector/README.md). Each sample gets the forward pass's bits it gets alone;
 * the parameter gradients add in another order. Neighbours of the trunk's tanh layers do their passes where they can
 * ({@link TanhFusion}).
 */
final class VectorNetwork extends AbstractNetwork {
    private final FloatParameters params;
    private final List<VectorLayer> layers = new ArrayList<>();
    private final FloatLoss loss;
    private final BatchParallel parallel;
    private final Workspace[] workspaces;
    /** Samples a worker takes through each pass together, layer by layer: one per lane. */
    private final int group;
    /**
     * How many leading layers take a whole group in the batch-in-lanes layout ({@link VectorLayer#inLanes}): LeNet-5's
     * C1 to S4 and their activations. A whole group is copied into that layout once, before the first, and out of it
     * once, after the last; a partial group goes through one sample at a time.
     */
    private final int trunk;
    private final TanhFusion fusion;
    private final FloatOps ops;
    private final float[][] gradients;
    private final float[][] trainableValues;
    // The chunks given to the pool, built once (a capturing lambda per call would allocate every step);
    // they read the batch and scores of the call in progress from these fields.
    private final BatchParallel.Chunk gradientChunk = this::gradientChunk;
    private final BatchParallel.Chunk forwardChunk = this::forwardChunk;
    private final BatchParallel.Chunk updateChunk = this::updateChunk;
    /** How many floats all trainable tensors hold: the range that updateChunk's workers split. */
    private final int trainableSize;
    private Batch current;
    /** The scale (1/n) and the workers of the gradient pass in progress. */
    private float currentScale;
    private int currentWorkers;
    /** The learning rate of the step in progress, or NaN where only the gradients are wanted. */
    private double currentLearningRate = Double.NaN;
    private float[] currentScores;
    private FloatOptimizer optimizer;
    private GaussNewtonPass gaussNewton;

    VectorNetwork(ModelSpec model, int threads, FloatOps ops) {
        super(VectorBackend.ID, model, Device.CPU, threads);
        this.params = new FloatParameters(model);
        for (int i = 0; i < model.layers().size(); i++) {
            layers.add(VectorLayer.of(model.layers().get(i), model.inputShapeOf(i), params, ops));
        }
        this.loss = new FloatLoss(model.loss());
        this.parallel = new BatchParallel(threads);
        this.workspaces = new Workspace[threads];
        this.ops = ops;
        this.group = ops.lanes();
        this.trunk = trunkOf(layers);
        this.fusion = new TanhFusion(layers, trunk);
        for (int t = 0; t < threads; t++) {
            workspaces[t] = new Workspace(layers, trunk, fusion, params, group);
        }
        this.gradients = params.newGradients();
        this.trainableValues = params.trainable.stream().map(p -> params.value(p.name())).toArray(float[][]::new);
        this.trainableSize = Arrays.stream(gradients).mapToInt(g -> g.length).sum();
    }

    /** How many leading layers a whole group goes through in lanes. */
    int trunk() {
        return trunk;
    }

    /** Whether a group of count samples goes through the trunk in lanes: a whole group, where there is a trunk. */
    private boolean takesTrunk(int count) {
        return trunk > 0 && count == group;
    }

    private static int trunkOf(List<VectorLayer> layers) {
        int n = 0;
        while (n < layers.size() && layers.get(n).inLanes(n > 0)) {
            n++;
        }
        return n;
    }

    @Override
    protected void writeParameters(NamedTensors parameters) {
        params.load(parameters);
        parametersChanged();
    }

    private void parametersChanged() {
        for (VectorLayer layer : layers) {
            layer.parametersChanged();
        }
    }

    @Override
    public NamedTensors parameters() {
        checkLoaded();
        return params.copy();
    }

    @Override
    public void forward(Batch batch, float[] scores) {
        checkLoaded();
        current = batch;
        currentScores = scores;
        try {
            parallel.run(batch.size(), forwardChunk);
        } finally {
            current = null;
            currentScores = null;
        }
    }

    private void forwardChunk(int worker, int from, int to) {
        Workspace ws = workspaces[worker];
        int classes = model().classes();
        for (int n = from; n < to; n += group) {
            int count = Math.min(group, to - n);
            forwardGroup(ws, current, n, count);
            for (int s = 0; s < count; s++) {
                System.arraycopy(ws.activations[layers.size()][s], 0, currentScores, (n + s) * classes, classes);
            }
        }
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch) {
        checkLoaded();
        double mean = computeGradients(batch, Double.NaN);
        return new LossAndGradients(mean, params.trainableTensors(gradients));
    }

    @Override
    public NamedTensors curvature(Batch batch) {
        checkLoaded();
        if (gaussNewton == null) {
            gaussNewton = new GaussNewtonPass(model(), layers, params, loss);
        }
        return gaussNewton.run(batch);
    }

    @Override
    public void setOptimizer(OptimizerSpec optimizer) {
        checkOpen();
        this.optimizer = new FloatOptimizer(optimizer, params, ops);
    }

    @Override
    public void setCurvature(NamedTensors curvature) {
        checkOpen();
        if (optimizer == null || !(optimizer.spec() instanceof OptimizerSpec.Sdlm)) {
            throw new IllegalStateException("setCurvature is for SDLM; the optimizer is "
                    + (optimizer == null ? "not set" : optimizer.spec().id()));
        }
        curvature.requireLayout(model(), params.trainable, "vector: setCurvature");
        optimizer.setCurvature(params.trainable.stream().map(p -> curvature.get(p.name()).data().clone())
                .toArray(float[][]::new));
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        checkLoaded();
        if (optimizer == null) {
            throw new IllegalStateException("trainStep before setOptimizer");
        }
        return computeGradients(batch, learningRate);
    }

    @Override
    public LayerKernel layer(String layerName, int batchSize) {
        checkLoaded();
        int index = model().layerNames().indexOf(layerName);
        if (index < 0) {
            model().layer(layerName); // throws with the list of layers
        }
        List<ParameterSpec> own = model().parametersOf(layerName).stream().filter(ParameterSpec::trainable).toList();
        return new VectorLayerKernel(layerName, layers.get(index), params, own, parallel, batchSize, group);
    }

    @Override
    protected void release() {
        parallel.close();
    }

    /**
     * Mean loss; leaves the mean gradients in {@link #gradients} and, unless the learning rate is NaN, takes the
     * optimizer's step with them. Both passes are split over the workers: the samples, then the parameters (the
     * sum of the workers' gradients and the update, element by element, are the same whoever computes them).
     */
    private double computeGradients(Batch batch, double learningRate) {
        int n = batch.size();
        current = batch;
        try {
            parallel.run(n, gradientChunk);
        } finally {
            current = null;
        }
        currentScale = 1f / n;
        currentWorkers = parallel.workers(n);
        currentLearningRate = learningRate;
        if (!Double.isNaN(learningRate)) {
            optimizer.beginStep();
        }
        parallel.run(trainableSize, updateChunk);
        double total = 0;
        for (int w = 0; w < currentWorkers; w++) {
            total += workspaces[w].loss;
        }
        return total / n;
    }

    /** Elements [from, to) of the trainable tensors taken end to end: the workers' gradients summed, then the step. */
    private void updateChunk(int worker, int from, int to) {
        for (int k = 0, start = 0; k < gradients.length; start += gradients[k].length, k++) {
            int lo = Math.max(from - start, 0);
            int hi = Math.min(to - start, gradients[k].length);
            if (lo < hi) {
                meanGradient(k, lo, hi);
                if (!Double.isNaN(currentLearningRate)) {
                    optimizer.apply(k, trainableValues[k], gradients[k], lo, hi, currentLearningRate);
                    for (int l = 0; l < layers.size(); l++) {
                        layers.get(l).parametersChanged(k, lo, hi);
                    }
                }
            }
        }
    }

    /** Elements [lo, hi) of gradient k: the workers' sums added in worker order, times 1/n. */
    private void meanGradient(int k, int lo, int hi) {
        float[] g = gradients[k];
        System.arraycopy(workspaces[0].gradients[k], lo, g, lo, hi - lo);
        for (int w = 1; w < currentWorkers; w++) {
            float[] part = workspaces[w].gradients[k];
            for (int i = lo; i < hi; i++) {
                g[i] += part[i];
            }
        }
        for (int i = lo; i < hi; i++) {
            g[i] *= currentScale;
        }
    }

    /** Forward, loss and backward of samples [from, to), summed into the worker's gradients. */
    private void gradientChunk(int worker, int from, int to) {
        Workspace ws = workspaces[worker];
        ws.reset();
        int last = layers.size();
        for (int i = 0; i < last; i++) {
            layers.get(i).beginChunk(ws.scratch[i]);
        }
        for (int n = from; n < to; n += group) {
            int count = Math.min(group, to - n);
            forwardGroup(ws, current, n, count);
            for (int s = 0; s < count; s++) {
                ws.loss += loss.lossAndGradient(ws.activations[last][s], label(current, n + s), ws.deltas[last][s]);
            }
            boolean inLanes = takesTrunk(count);
            int stop = inLanes ? trunk : 0;
            for (int i = last - 1; i >= stop; i--) {
                layers.get(i).backwardGroup(ws.activations[i], ws.activations[i + 1], ws.deltas[i + 1],
                        i == 0 ? null : ws.deltas[i], 0, count, ws.gradients, ws.scratch[i]);
            }
            if (inLanes) {
                ops.interleave(ws.deltas[trunk], 0, 0, layers.get(trunk - 1).out.size(), ws.lanesDeltas[trunk], 0);
                for (int i = trunk - 1; i >= 0; i--) {
                    if (!fusion.backwardSkipped(i)) {
                        layers.get(i).backwardInLanes(ws.lanesActivations[i], ws.lanesActivations[i + 1],
                                ws.lanesDeltas[i + 1], ws.lanesDeltas[i], ws.gradients, ws.scratch[i],
                                fusion.unsquashBefore(i));
                    }
                }
            }
        }
        for (int i = 0; i < last; i++) {
            layers.get(i).finishChunk(ws.gradients, ws.scratch[i]);
        }
    }

    private int label(Batch batch, int n) {
        int label = batch.labels()[n];
        if (label < 0 || label >= model().classes()) {
            throw new IllegalArgumentException("batch sample " + n + " has label " + label + ", expected 0.."
                    + (model().classes() - 1));
        }
        return label;
    }

    /** Samples [n, n + count) of the batch through every layer, into the workspace's activations. */
    private void forwardGroup(Workspace ws, Batch batch, int n, int count) {
        int size = ws.activations[0][0].length;
        for (int s = 0; s < count; s++) {
            System.arraycopy(batch.images(), (n + s) * size, ws.activations[0][s], 0, size);
        }
        int first = 0;
        if (takesTrunk(count)) {
            ops.interleave(ws.activations[0], 0, 0, size, ws.lanesActivations[0], 0);
            for (int i = 0; i < trunk; i++) {
                if (!fusion.forwardSkipped(i)) {
                    layers.get(i).forwardInLanes(ws.lanesActivations[i], ws.lanesActivations[i + 1], ws.scratch[i],
                            fusion.squashAfter(i));
                }
            }
            ops.deinterleave(ws.lanesActivations[trunk], 0, layers.get(trunk - 1).out.size(), ws.activations[trunk], 0,
                    0);
            first = trunk;
        }
        for (int i = first; i < layers.size(); i++) {
            layers.get(i).forwardGroup(ws.activations[i], ws.activations[i + 1], 0, count, ws.scratch[i]);
        }
    }

}
