package org.lenetbench.jcuda;

import java.util.List;
import java.util.function.Supplier;
import jcuda.CudaException;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.jcuda.gpu.CudaGpu;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.training.DeviceOptimizer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * Our own CUDA kernels (src/main/cuda, committed as PTX) launched through JCuda's driver API on GPU 0. Every
 * model of the contract; SGD with momentum and Adam run on the device, so a training step keeps parameters,
 * gradients and optimizer state resident there. SDLM is not implemented. Without an NVIDIA driver or device the
 * backend is unavailable, with the reason.
 */
public final class JcudaBackend implements Backend {
    public static final String ID = "jcuda";
    /** The JCuda release on the class path (its driver-API binding works with CUDA 12 and 13 drivers). */
    public static final String JCUDA_VERSION = "12.6.0";

    private static String firstDriverFailure;

    private final Supplier<Gpu> opener;
    private final String engine;
    private Availability availability;
    private Gpu gpu;

    public JcudaBackend() {
        this(CudaGpu::open, "hand-written CUDA kernels (PTX) via JCuda driver API");
    }

    /** The same backend on another {@link Gpu}: the CPU emulation of the kernels in tests, a timed GPU to profile. */
    public JcudaBackend(Supplier<Gpu> opener, String engine) {
        this.opener = opener;
        this.engine = engine;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String engineVersion() {
        return availability().isAvailable()
                ? "JCuda " + JCUDA_VERSION + ", " + gpu.describe()
                : "JCuda " + JCUDA_VERSION + " (no GPU)";
    }

    @Override
    public List<Device> devices() {
        return availability().isAvailable() ? List.of(Device.gpu(0, gpu.describe())) : List.of();
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            try {
                gpu = opener.get();
                availability = Availability.AVAILABLE;
            } catch (LinkageError e) {
                availability = Availability.unavailable(driverFailure(e));
            } catch (CudaException | IllegalStateException e) { // a driver but no usable device
                availability = Availability.unavailable("no usable CUDA device: " + e.getMessage());
            }
        }
        return availability;
    }

    /**
     * Without libcuda.so.1 the first touch of JCudaDriver throws an UnsatisfiedLinkError with a long report whose
     * useful line names libcuda; every later touch only says "Could not initialize class". The first reason is
     * kept for the whole process (a driver does not appear while it runs).
     */
    private static synchronized String driverFailure(LinkageError e) {
        if (firstDriverFailure == null) {
            String message = String.valueOf(e.getMessage());
            String cause = message.lines().filter(line -> line.contains("libcuda")).findFirst()
                    .map(line -> line.substring(line.indexOf("libcuda")))
                    .orElse(message.lines().findFirst().orElse(e.toString()));
            firstDriverFailure = "no NVIDIA driver: JCuda " + JCUDA_VERSION + "'s driver library did not load: " + cause;
        }
        return firstDriverFailure;
    }

    @Override
    public Support supports(OptimizerSpec optimizer) {
        return Support.allButSdlm(optimizer, DeviceOptimizer.SDLM_UNSUPPORTED);
    }

    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        Backends.requireOpenable(this, device, threads);
        return new JcudaNetwork(gpu, model, device);
    }
}
