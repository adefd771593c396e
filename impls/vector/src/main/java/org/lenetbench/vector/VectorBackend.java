package org.lenetbench.vector;

import java.util.List;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;

/**
 * The project's own CPU engine: float32, written with jdk.incubator.vector, parallel over the batch.
 * Unavailable (with the reason) when the JVM was started without {@code --add-modules jdk.incubator.vector}.
 */
public final class VectorBackend implements Backend {
    public static final String ID = "vector";
    private static final String MODULE = "jdk.incubator.vector";
    private Availability availability;
    private FloatOps ops;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return "JDK Vector API (" + MODULE + ")";
    }

    @Override
    public String engineVersion() {
        return "JDK " + Runtime.version() + (availability().isAvailable() ? ", " + ops.lanes() + " float lanes" : "");
    }

    @Override
    public List<Device> devices() {
        return availability().isAvailable() ? List.of(Device.CPU) : List.of();
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                availability = Availability.unavailable("the " + MODULE + " module is not in this JVM: start it with "
                        + "--add-modules " + MODULE + " (scripts/lenet and the build do)");
            } else {
                try {
                    ops = VectorOps.INSTANCE;
                    availability = Availability.AVAILABLE;
                } catch (LinkageError e) {
                    availability = Availability.unavailable("the Vector API failed to load: " + e);
                }
            }
        }
        return availability;
    }

    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        if (!availability().isAvailable()) {
            throw new IllegalStateException("backend vector is unavailable: "
                    + ((Availability.Unavailable) availability).reason());
        }
        if (device.kind() != Device.Kind.CPU) {
            throw new IllegalArgumentException("the vector backend runs on the CPU only, not on " + device);
        }
        return new VectorNetwork(model, threads, ops);
    }
}
