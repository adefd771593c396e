package org.lenetbench.dl4j;

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
 * Deeplearning4j's SameDiff on ND4J's CPU backend (libnd4j with oneDNN). Every model of the contract; SGD with
 * momentum and Adam as the harness defines them, written with ND4J ops (ND4J's own Adam puts ε elsewhere);
 * SDLM is not implemented. Unavailable, with the reason, when the ND4J natives do not load.
 */
public final class Dl4jBackend implements Backend {
    public static final String ID = "dl4j";
    static final String SDLM_UNSUPPORTED = "dl4j does not implement SDLM: its Gauss-Newton curvature pass "
            + "(squared weights back-propagated) is not a gradient SameDiff builds; use --backend reference or vector";
    private Availability availability;
    private Nd4jRuntime.Info info;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return "Deeplearning4j SameDiff on ND4J (libnd4j CPU)";
    }

    @Override
    public String engineVersion() {
        return availability().isAvailable()
                ? "ND4J " + Nd4jRuntime.VERSION + ", natives " + info.describe()
                : "ND4J " + Nd4jRuntime.VERSION + " (natives not loaded)";
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
            String classifier = Nd4jNatives.classifierOnClassPath().orElse(null);
            if (classifier == null) {
                availability = Availability.unavailable("no nd4j-native " + Nd4jRuntime.VERSION + " natives for Linux "
                        + "x86-64 on the class path (one of " + String.join(", ", Nd4jNatives.CLASSIFIERS) + ")");
                return availability;
            }
            java.util.Optional<String> unfit = Nd4jNatives.cpuFlags().flatMap(f -> Nd4jNatives.cannotRun(classifier, f));
            if (unfit.isPresent()) {
                availability = Availability.unavailable(unfit.get());
                return availability;
            }
            try {
                info = Nd4jRuntime.load();
                availability = Availability.AVAILABLE;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ND4J's "no backend" RuntimeException
                availability = Availability.unavailable("the ND4J CPU natives (nd4j-native " + Nd4jRuntime.VERSION
                        + ", classifier " + classifier + ") did not load: " + e);
            }
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
        Nd4jRuntime.useThreads(threads);
        return new Dl4jNetwork(model, threads);
    }
}
