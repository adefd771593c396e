package org.lenetbench.djl;

import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * Deep Java Library on its PyTorch engine, CPU. Every model of the contract; SGD with momentum and Adam as the
 * harness defines them; SDLM is not implemented. DJL runs offline ({@code ai.djl.offline=true} unless set
 * otherwise): libtorch and the JNI library come from the jars on the class path, never from the network.
 * Unavailable, with the reason, when the engine does not load.
 */
public final class DjlBackend implements Backend {
    public static final String ID = "djl";
    static final String SDLM_UNSUPPORTED = "djl does not implement SDLM: its Gauss-Newton curvature pass "
            + "(squared weights back-propagated) is not a gradient PyTorch's autograd computes; use --backend reference or vector";
    private static final String ENGINE = "PyTorch";
    private Availability availability;
    private Engine engine;
    private OneDnnOnThisHost oneDnn;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return "DJL on PyTorch (libtorch CPU)";
    }

    @Override
    public String engineVersion() {
        return availability().isAvailable()
                ? "DJL " + Engine.getDjlVersion() + ", PyTorch " + engine.getVersion() + ", "
                        + TorchThreads.describe() + ", " + oneDnn.description()
                : "DJL " + Engine.getDjlVersion() + " (engine not loaded)";
    }

    /** A third-party engine: a failed cross-check is a finding about it on this host (see {@link Backend}). */
    @Override
    public boolean computedByThisProject() {
        return false;
    }

    @Override
    public List<Device> devices() {
        return availability().isAvailable() ? List.of(Device.CPU) : List.of();
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true"); // never download libtorch at run time
            }
            TorchThreads.beforeEngineLoads();
            try {
                engine = Engine.getEngine(ENGINE);
            } catch (Throwable e) { // EngineException, UnsatisfiedLinkError, IllegalArgumentException (no engine)
                availability = Availability.unavailable("DJL's PyTorch engine did not load (pytorch-native-cpu "
                        + "2.7.1 linux-x86_64 and pytorch-jni 2.7.1-0.35.1 must be on the class path): " + e);
                return availability;
            }
            try {
                oneDnn = OneDnnOnThisHost.decide(engine);
            } catch (RuntimeException e) { // the switch's symbols missing, or a bad -Dlenet.djl.onednn
                availability = Availability.unavailable("could not check libtorch's oneDNN convolutions on this host: "
                        + e.getMessage());
                return availability;
            }
            if (!oneDnn.right()) { // available, so that the cross-check and the report show what it computes
                System.err.println("djl: WARNING: " + oneDnn.description());
            }
            availability = Availability.AVAILABLE;
        }
        return availability;
    }

    @Override
    public Support supports(OptimizerSpec optimizer) {
        return Support.allButSdlm(optimizer, SDLM_UNSUPPORTED);
    }

    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        Backends.requireOpenable(this, device, threads);
        JniUtils.setNumThreads(threads);
        return new DjlNetwork(model, JniUtils.getNumThreads(), engine);
    }
}
