package org.lenetbench.jcuda.profile;

import java.util.ArrayList;
import java.util.List;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;

/**
 * A {@link Gpu} that waits for each copy and launch to finish and records how long it took, in the order they
 * were made: where a training step's time goes ({@link GpuStepProfile}). Waiting adds a launch's latency to every
 * kernel, so the parts add up to more than an unprofiled step; the JMH benchmarks give the step itself.
 */
public final class TimedGpu implements Gpu {
    /** One copy or launch: what it was ("upload", "download" or the kernel's entry), its size, its time. */
    record Operation(String name, long size, long nanos) {}

    private final Gpu gpu;
    private final List<Operation> operations = new ArrayList<>();

    TimedGpu(Gpu gpu) {
        this.gpu = gpu;
    }

    /** The operations since the last call, in order. */
    List<Operation> take() {
        List<Operation> taken = List.copyOf(operations);
        operations.clear();
        return taken;
    }

    private void timed(String name, long size, Runnable operation) {
        gpu.synchronize();
        long start = System.nanoTime();
        operation.run();
        gpu.synchronize();
        operations.add(new Operation(name, size, System.nanoTime() - start));
    }

    @Override
    public String describe() {
        return gpu.describe();
    }

    @Override
    public DeviceBuffer allocate(int length) {
        return gpu.allocate(length);
    }

    @Override
    public void free(DeviceBuffer buffer) {
        gpu.free(buffer);
    }

    @Override
    public void upload(float[] source, int sourceOffset, DeviceBuffer target, int length) {
        timed("upload", 4L * length, () -> gpu.upload(source, sourceOffset, target, length));
    }

    @Override
    public void upload(int[] source, int sourceOffset, DeviceBuffer target, int length) {
        timed("upload", 4L * length, () -> gpu.upload(source, sourceOffset, target, length));
    }

    @Override
    public void download(DeviceBuffer source, float[] target, int targetOffset, int length) {
        timed("download", 4L * length, () -> gpu.download(source, target, targetOffset, length));
    }

    @Override
    public void launch(Kernel kernel, int work, Object... arguments) {
        timed(kernel.entry(), work, () -> gpu.launch(kernel, work, arguments));
    }

    @Override
    public void synchronize() {
        gpu.synchronize();
    }

    @Override
    public void close() {
        gpu.close();
    }
}
