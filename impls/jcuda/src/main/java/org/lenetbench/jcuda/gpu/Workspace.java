package org.lenetbench.jcuda.gpu;

/** A device buffer of {@code perImage × n} elements that grows with the largest batch seen so far. */
public final class Workspace implements AutoCloseable {
    private final Gpu gpu;
    private final int perImage;
    private DeviceBuffer buffer;
    private int images;

    public Workspace(Gpu gpu, int perImage) {
        this.gpu = gpu;
        this.perImage = perImage;
    }

    public DeviceBuffer forBatch(int n) {
        if (n > images) {
            close();
            buffer = gpu.allocate(n * perImage);
            images = n;
        }
        return buffer;
    }

    @Override
    public void close() {
        if (buffer != null) {
            gpu.free(buffer);
            buffer = null;
            images = 0;
        }
    }
}
