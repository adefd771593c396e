package org.lenetbench.bench;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.check.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.params.Initializer;

/** Opens a backend's network with seeded parameters and a seeded batch: what every benchmark starts from. */
final class OpenNetwork {
    private OpenNetwork() {
    }

    /** Throws with the backend's reason when it cannot run here: JMH then reports that benchmark as failed. */
    static Network open(String backendId, ModelSpec model, int threads) {
        Backend backend = Backends.byId(backendId);
        if (backend.availability() instanceof Availability.Unavailable u) {
            throw new IllegalStateException("backend " + backendId + " is unavailable here: " + u.reason());
        }
        Network net = Backends.open(backend, model, backend.devices().getFirst(), threads);
        net.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
        return net;
    }

    static Batch batch(ModelSpec model, int size) {
        return RandomBatches.of(model, size, 2);
    }
}
