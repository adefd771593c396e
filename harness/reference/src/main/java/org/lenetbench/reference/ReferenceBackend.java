package org.lenetbench.reference;

import java.util.List;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;

/** The double-precision reference: every model, every optimizer, CPU only, one thread. */
public final class ReferenceBackend implements Backend {
    public static final String ID = "reference";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return "plain Java, double precision";
    }

    @Override
    public String engineVersion() {
        return "JDK " + Runtime.version();
    }

    @Override
    public List<Device> devices() {
        return List.of(Device.CPU);
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    /** {@code threads} is accepted and ignored: the reference is single-threaded by design. */
    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        if (device.kind() != Device.Kind.CPU) {
            throw new IllegalArgumentException("the reference backend runs on the CPU only, not on " + device);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        return new ReferenceNetwork(model);
    }
}
