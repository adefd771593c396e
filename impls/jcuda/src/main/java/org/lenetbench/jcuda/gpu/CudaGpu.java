package org.lenetbench.jcuda.gpu;

import static jcuda.driver.JCudaDriver.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * GPU 0 through JCuda's driver API: its primary context, the committed PTX modules loaded with
 * {@code cuModuleLoadData} (the driver compiles them for the device), memory from {@code cuMemAlloc}. Errors
 * become {@link jcuda.CudaException}s with the driver's error name.
 */
public final class CudaGpu implements Gpu {
    /** For the kernels that take any block size. */
    private static final int THREADS_PER_BLOCK = 256;

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final List<CUmodule> modules = new ArrayList<>();
    private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
    private final String description;
    private final int maxBlocks;
    private boolean closed;

    private CudaGpu() {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        int[] count = new int[1];
        cuDeviceGetCount(count);
        if (count[0] == 0) {
            throw new IllegalStateException("the NVIDIA driver reports no CUDA device");
        }
        cuDeviceGet(device, 0);
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        int sms = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        maxBlocks = sms * 32; // enough resident blocks to fill every SM; the grid-stride loops do the rest
        description = name() + " (sm_" + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
                + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR) + ", " + sms
                + " SMs), driver CUDA " + driverVersion();
        loadModules();
    }

    /** Opens GPU 0; throws LinkageError without libcuda.so.1, CudaException or IllegalStateException without a device. */
    public static CudaGpu open() {
        return new CudaGpu();
    }

    private int attribute(int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    private String name() {
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.US_ASCII);
    }

    private static String driverVersion() {
        int[] version = new int[1];
        cuDriverGetVersion(version);
        return version[0] / 1000 + "." + version[0] % 1000 / 10;
    }

    private void loadModules() {
        Map<String, CUmodule> byName = new HashMap<>();
        for (Kernel kernel : Kernel.values()) {
            CUmodule module = byName.computeIfAbsent(kernel.module(), name -> {
                CUmodule m = new CUmodule();
                cuModuleLoadData(m, ptx(kernel));
                modules.add(m);
                return m;
            });
            CUfunction function = new CUfunction();
            cuModuleGetFunction(function, module, kernel.entry());
            functions.put(kernel, function);
        }
    }

    /** The PTX text, NUL-terminated as cuModuleLoadData wants it. */
    private static byte[] ptx(Kernel kernel) {
        try (InputStream in = CudaGpu.class.getResourceAsStream(kernel.ptxResource())) {
            if (in == null) {
                throw new IllegalStateException("resource " + kernel.ptxResource() + " is missing from the jar");
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(kernel.ptxResource(), e);
        }
    }

    /** The driver binds a context per thread; JMH and JUnit may call from a thread other than the opener's. */
    private void makeCurrent() {
        if (closed) {
            throw new IllegalStateException("the CUDA device is closed");
        }
        cuCtxSetCurrent(context);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public DeviceBuffer allocate(int length) {
        makeCurrent();
        CUdeviceptr pointer = new CUdeviceptr();
        cuMemAlloc(pointer, 4L * length);
        cuMemsetD32(pointer, 0, length);
        return new CudaBuffer(pointer, length, true);
    }

    @Override
    public void free(DeviceBuffer buffer) {
        CudaBuffer b = (CudaBuffer) buffer;
        if (!b.owner()) {
            throw new IllegalArgumentException("a slice is freed with the buffer it was cut from");
        }
        if (!closed) {
            makeCurrent();
            cuMemFree(b.pointer());
        }
    }

    @Override
    public void upload(float[] source, int sourceOffset, DeviceBuffer target, int length) {
        makeCurrent();
        checkLength(target, length);
        cuMemcpyHtoD(((CudaBuffer) target).pointer(), Pointer.to(source).withByteOffset(4L * sourceOffset), 4L * length);
    }

    @Override
    public void upload(int[] source, int sourceOffset, DeviceBuffer target, int length) {
        makeCurrent();
        checkLength(target, length);
        cuMemcpyHtoD(((CudaBuffer) target).pointer(), Pointer.to(source).withByteOffset(4L * sourceOffset), 4L * length);
    }

    @Override
    public void download(DeviceBuffer source, float[] target, int targetOffset, int length) {
        makeCurrent();
        checkLength(source, length);
        cuMemcpyDtoH(Pointer.to(target).withByteOffset(4L * targetOffset), ((CudaBuffer) source).pointer(), 4L * length);
    }

    private static void checkLength(DeviceBuffer buffer, int length) {
        if (length > buffer.length()) {
            throw new IllegalArgumentException("copy of " + length + " elements into a buffer of " + buffer.length());
        }
    }

    @Override
    public void launch(Kernel kernel, int work, Object... arguments) {
        makeCurrent();
        NativePointerObject[] parameters = new NativePointerObject[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            parameters[i] = switch (arguments[i]) {
                case CudaBuffer b -> Pointer.to(b.pointer());
                case Integer v -> Pointer.to(new int[] {v});
                case Float v -> Pointer.to(new float[] {v});
                default -> throw new IllegalArgumentException(kernel.entry() + ": argument " + i + " is a "
                        + arguments[i].getClass().getSimpleName() + ", not a device buffer, Integer or Float");
            };
        }
        int threads = kernel.blockSize(THREADS_PER_BLOCK);
        int blocks = Math.clamp((work + (long) threads - 1) / threads, 1, maxBlocks);
        cuLaunchKernel(functions.get(kernel), blocks, 1, 1, threads, 1, 1, 0, null,
                Pointer.to(parameters), null);
    }

    @Override
    public void synchronize() {
        makeCurrent();
        cuCtxSynchronize();
    }

    @Override
    public void close() {
        if (!closed) {
            cuCtxSetCurrent(context);
            modules.forEach(m -> cuModuleUnload(m));
            cuDevicePrimaryCtxRelease(device);
            closed = true;
        }
    }

    /** A device pointer; slices are views whose memory belongs to the buffer they were cut from. */
    private record CudaBuffer(CUdeviceptr pointer, int length, boolean owner) implements DeviceBuffer {
        @Override
        public DeviceBuffer slice(int offset, int length) {
            if (offset < 0 || length < 0 || offset + length > this.length) {
                throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of " + this.length);
            }
            return new CudaBuffer(pointer.withByteOffset(4L * offset), length, false);
        }
    }
}
