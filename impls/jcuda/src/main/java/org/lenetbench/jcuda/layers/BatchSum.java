package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.jcuda.gpu.Workspace;

/**
 * Sums per-image partial gradients {@code partial[b, j]} over the batch into {@code out[j]}. Up to {@value #CHUNK}
 * images, one pass (one thread per j walks the batch). Beyond, two passes: chunks of {@value #CHUNK} images summed
 * in parallel, then the chunk sums in order; the order depends on n alone, so results are the same on every run.
 */
public final class BatchSum implements AutoCloseable {
    static final int CHUNK = 64;

    private final Gpu gpu;
    private final int m;
    private final Workspace chunkSums;

    /** For partial sums of {@code m} values per image. */
    BatchSum(Gpu gpu, int m) {
        this.gpu = gpu;
        this.m = m;
        this.chunkSums = new Workspace(gpu, m);
    }

    void sum(DeviceBuffer partial, DeviceBuffer out, int n) {
        if (n <= CHUNK) {
            gpu.launch(Kernel.SUM_OVER_BATCH, m, partial, out, n, m);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        DeviceBuffer sums = chunkSums.forBatch(chunks);
        gpu.launch(Kernel.SUM_OVER_BATCH_CHUNKS, chunks * m, partial, sums, n, m, CHUNK);
        gpu.launch(Kernel.SUM_OVER_BATCH, m, sums, out, chunks, m);
    }

    @Override
    public void close() {
        chunkSums.close();
    }
}
