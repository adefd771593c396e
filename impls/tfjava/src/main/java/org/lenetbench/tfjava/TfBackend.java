package org.lenetbench.tfjava;

import java.util.List;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * TensorFlow Java (graph mode) on the CPU. Every model of the contract; SGD with momentum and Adam as the
 * harness defines them; SDLM is not implemented (its curvature pass is not a gradient TensorFlow computes).
 * Unavailable, with the reason, when the TensorFlow natives do not load on this machine.
 */
public final class TfBackend implements Backend {
    public static final String ID = "tfjava";
    static final String SDLM_UNSUPPORTED = "tfjava does not implement SDLM: its Gauss-Newton curvature pass "
            + "(squared weights back-propagated) is not a gradient TensorFlow can build; use --backend reference or vector";
    private Availability availability;
    private String tensorFlowVersion = "not loaded";
    /** Why TensorFlow's logs could not be quietened, or "". */
    private String loggingNote = "";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return "TensorFlow Java (graph mode, oneDNN CPU kernels)";
    }

    @Override
    public String engineVersion() {
        availability();
        return "tensorflow-core-api " + coreApiVersion() + ", TensorFlow " + tensorFlowVersion + ", inter-op threads "
                + TfSessions.interOpThreads();
    }

    private static String coreApiVersion() {
        String v = org.tensorflow.TensorFlow.class.getPackage().getImplementationVersion();
        return v != null ? v : "1.1.0";
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
            loggingNote = NativeLogging.quietUnlessUserChose();
            try {
                tensorFlowVersion = org.tensorflow.TensorFlow.version();
                availability = Availability.AVAILABLE;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, a JavaCPP loader exception
                availability = Availability.unavailable("the TensorFlow natives (tensorflow-core-native 1.1.0, "
                        + "linux-x86_64) did not load: " + e);
            }
        }
        return availability;
    }

    /** Why TensorFlow's native logs could not be kept to warnings, or "" when they are. */
    synchronized String loggingNote() {
        availability();
        return loggingNote;
    }

    @Override
    public Support supports(OptimizerSpec optimizer) {
        return Support.allButSdlm(optimizer, SDLM_UNSUPPORTED);
    }

    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        Backends.requireOpenable(this, device, threads);
        return new TfNetwork(model, threads);
    }
}
