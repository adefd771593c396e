package org.lenetbench.jcuda.gpu;

/**
 * What the backend needs from a GPU: memory, copies, and 1-D launches of the {@link Kernel}s. Implemented by
 * {@link CudaGpu} (JCuda's driver API) and, in the tests, by a CPU emulation that runs the same kernel
 * sources compiled with g++. One caller at a time.
 */
public interface Gpu extends AutoCloseable {

    /** E.g. "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs), driver CUDA 13.0". */
    String describe();

    /** Zero-filled memory for {@code length} 4-byte elements. */
    DeviceBuffer allocate(int length);

    void free(DeviceBuffer buffer);

    void upload(float[] source, int sourceOffset, DeviceBuffer target, int length);

    void upload(int[] source, int sourceOffset, DeviceBuffer target, int length);

    /** Waits for every launch before it, then copies. */
    void download(DeviceBuffer source, float[] target, int targetOffset, int length);

    /**
     * Launches {@code kernel} with enough threads for {@code work} items (its grid-stride loop covers any
     * remainder). Arguments, in the kernel's order: {@link DeviceBuffer} (a pointer), {@link Integer},
     * {@link Float}.
     */
    void launch(Kernel kernel, int work, Object... arguments);

    /** Blocks until every launch so far has finished. */
    void synchronize();

    @Override
    void close();
}
