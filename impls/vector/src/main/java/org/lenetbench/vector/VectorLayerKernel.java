package org.lenetbench.vector;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.LayerKernel;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/** One layer over a batch, split over the network's workers like a whole network is. */
final class VectorLayerKernel implements LayerKernel {
    private final String name;
    private final VectorLayer layer;
    private final FloatParameters params;
    private final List<ParameterSpec> trainable;
    private final int[] ownGradients;
    private final BatchParallel parallel;
    private final int batch;
    private final float[][] x;
    private final float[][] y;
    private final float[][] dy;
    private final float[][] dx;
    private final float[][][] workerGradients;
    private final float[][] workerScratch;
    private final BatchParallel.Chunk forwardChunk = this::forwardChunk;
    private final BatchParallel.Chunk backwardChunk = this::backwardChunk;
    private boolean closed;

    VectorLayerKernel(String name, VectorLayer layer, FloatParameters params, List<ParameterSpec> trainable,
            BatchParallel parallel, int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.name = name;
        this.layer = layer;
        this.params = params;
        this.trainable = trainable;
        this.ownGradients = trainable.stream().mapToInt(p -> params.gradientIndex(p.name())).toArray();
        this.parallel = parallel;
        this.batch = batch;
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
    public String layerName() {
        return name;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public Shape inputShape() {
        return layer.in;
    }

    @Override
    public Shape outputShape() {
        return layer.out;
    }

    @Override
    public void setInput(float[] values) {
        scatter(values, x, "input");
    }

    @Override
    public void setOutputGradient(float[] values) {
        scatter(values, dy, "output gradient");
    }

    @Override
    public void forward() {
        checkOpen();
        parallel.run(batch, forwardChunk);
    }

    @Override
    public void backward() {
        checkOpen();
        parallel.run(batch, backwardChunk);
    }

    private void forwardChunk(int worker, int from, int to) {
        for (int n = from; n < to; n++) {
            layer.forward(x[n], y[n], workerScratch[worker]);
        }
    }

    private void backwardChunk(int worker, int from, int to) {
        float[][] g = workerGradients[worker];
        for (int k : ownGradients) {
            Arrays.fill(g[k], 0);
        }
        layer.beginChunk(workerScratch[worker]);
        for (int n = from; n < to; n++) {
            layer.backward(x[n], y[n], dy[n], dx[n], g, workerScratch[worker]);
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
        int workers = parallel.workers(batch);
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
    public void close() {
        closed = true;
    }

    private void scatter(float[] values, float[][] target, String what) {
        checkOpen();
        int size = target[0].length;
        if (values.length != batch * size) {
            throw new IllegalArgumentException(name + ": " + what + " has " + values.length + " floats, expected "
                    + batch + " x " + size);
        }
        for (int n = 0; n < batch; n++) {
            System.arraycopy(values, n * size, target[n], 0, size);
        }
    }

    private void gather(float[][] source, float[] values) {
        checkOpen();
        int size = source[0].length;
        for (int n = 0; n < batch; n++) {
            System.arraycopy(source[n], 0, values, n * size, size);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("layer kernel " + name + " is closed");
        }
    }
}
