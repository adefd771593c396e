package org.lenetbench.jcuda.training;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.model.Loss;
import org.lenetbench.model.ModelSpec;

/**
 * The model's loss on the device: each pattern's loss and the gradient of the batch mean with respect to the
 * scores. The per-pattern losses are summed on the host in double.
 */
public final class DeviceLoss implements AutoCloseable {
    private final Gpu gpu;
    private final Loss loss;
    private final int classes;
    private final Workspace perPattern;
    private final Workspace labels;
    private float[] hostLosses = new float[0];

    public DeviceLoss(Gpu gpu, ModelSpec model) {
        this.gpu = gpu;
        this.loss = model.loss();
        this.classes = model.classes();
        this.perPattern = new Workspace(gpu, 1);
        this.labels = new Workspace(gpu, 1);
    }

    /** Writes d(mean loss)/d(scores) into {@code dscores} and returns the mean loss (waits for the device). */
    public double compute(DeviceBuffer scores, int[] labelValues, int n, DeviceBuffer dscores) {
        for (int b = 0; b < n; b++) {
            if (labelValues[b] < 0 || labelValues[b] >= classes) {
                throw new IllegalArgumentException("label " + labelValues[b] + " of pattern " + b + " is outside 0.."
                        + (classes - 1));
            }
        }
        DeviceBuffer deviceLabels = labels.forBatch(n);
        gpu.upload(labelValues, 0, deviceLabels, n);
        DeviceBuffer losses = perPattern.forBatch(n);
        float scale = 1.0f / n;
        switch (loss) {
            case Loss.SoftmaxCrossEntropy ce ->
                    gpu.launch(Kernel.SOFTMAX_CROSS_ENTROPY, n, scores, deviceLabels, losses, dscores, n, classes, scale);
            case Loss.Map map ->
                    gpu.launch(Kernel.MAP_LOSS, n, scores, deviceLabels, losses, dscores, n, classes, (float) map.j(), scale);
        }
        if (hostLosses.length < n) {
            hostLosses = new float[n];
        }
        gpu.download(losses, hostLosses, 0, n);
        double sum = 0;
        for (int b = 0; b < n; b++) {
            sum += hostLosses[b];
        }
        return sum / n;
    }

    @Override
    public void close() {
        perPattern.close();
        labels.close();
    }
}
