package org.lenetbench.vector;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.AbstractLayerKernel;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/** One layer over a batch, split over the network's workers like a whole network is. */
final class VectorLayerKernel extends AbstractLayerKernel {
    private final VectorLayer layer;
    private final FloatParameters params;
    private final List<ParameterSpec> trainable;
    private final int[] ownGradients;
    private final BatchParallel parallel;
    private final int group;
    private final float[][] x;
    private final float[][] y;
    private final float[][] dy;
    private final float[][] dx;
    private final float[][][] workerGradients;
    private final float[][] workerScratch;
    private final BatchParallel.Chunk forwardChunk = this::forwardChunk;
    private final BatchParallel.Chunk backwardChunk = this::backwardChunk;

    VectorLayerKernel(String name, VectorLayer layer, FloatParameters params, List<ParameterSpec> trainable,
            BatchParallel parallel, int batch, int group) {
        super(VectorBackend.ID, name, batch, layer.in, layer.out);
        this.layer = layer;
        this.params = params;
        this.trainable = trainable;
        this.ownGradients = trainable.stream().mapToInt(p -> params.gradientIndex(p.name())).toArray();
        this.parallel = parallel;
        this.group = group;
        x = new float[batch][layer.in.size()];
        dx = new float[batch][layer.in.size()];
        y = new float[batch][layer.out.size()];
        dy = new float[batch][layer.out.size()];
        workerScratch = new float[parallel.threads()][layer.scratchSize()];
        workerGradients = new float[parallel.threads()][][];
        for (int w = 0; w < workerGradients.length; w++) {
            workerGradients[w] = params.newGradients();
        }
    }

    @Override
    public void setInput(float[] values) {
        scatter(values, x, "input", inputShape());
    }

    @Override
    public void setOutputGradient(float[] values) {
        scatter(values, dy, "output gradient", outputShape());
    }

    @Override
    public void forward() {
        checkOpen();
        parallel.run(batchSize(), forwardChunk);
    }

    @Override
    public void backward() {
        checkOpen();
        parallel.run(batchSize(), backwardChunk);
    }

    /** In groups of {@link FloatOps#lanes()} samples, as the network runs its passes. */
    private void forwardChunk(int worker, int from, int to) {
        for (int n = from; n < to; n += group) {
            layer.forwardGroup(x, y, n, Math.min(group, to - n), workerScratch[worker]);
        }
    }

    private void backwardChunk(int worker, int from, int to) {
        float[][] g = workerGradients[worker];
        for (int k : ownGradients) {
            Arrays.fill(g[k], 0);
        }
        layer.beginChunk(workerScratch[worker]);
        for (int n = from; n < to; n += group) {
            layer.backwardGroup(x, y, dy, dx, n, Math.min(group, to - n), g, workerScratch[worker]);
        }
        layer.finishChunk(g, workerScratch[worker]);
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
        Map<String, Tensor> out = new LinkedHashMap<>();
        int workers = parallel.workers(batchSize());
        for (ParameterSpec p : trainable) {
            int k = params.gradientIndex(p.name());
            float[] sum = workerGradients[0][k].clone();
            for (int w = 1; w < workers; w++) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += workerGradients[w][k][i];
                }
            }
            out.put(p.name(), new Tensor(p.shape(), sum));
        }
        return new NamedTensors(out);
    }

    @Override
    protected void release() {
        // nothing outside the Java heap
    }

    private void scatter(float[] values, float[][] target, String what, Shape shape) {
        checkOpen();
        requireBatchOf(what, values, shape);
        int size = shape.size();
        for (int n = 0; n < batchSize(); n++) {
            System.arraycopy(values, n * size, target[n], 0, size);
        }
    }

    private void gather(float[][] source, float[] values) {
        checkOpen();
        int size = source[0].length;
        for (int n = 0; n < batchSize(); n++) {
            System.arraycopy(source[n], 0, values, n * size, size);
        }
    }

}
