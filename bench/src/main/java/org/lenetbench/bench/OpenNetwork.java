package org.lenetbench.bench;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
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

    /** A layer kernel of {@code network} with seeded inputs and output gradients, forwarded once (backward needs that). */
    static LayerKernel layer(Network network, String layer, int batch) {
        LayerKernel kernel = network.layer(layer, batch);
        kernel.setInput(RandomBatches.uniform(batch * kernel.inputShape().size(), 1.0, 3));
        kernel.setOutputGradient(RandomBatches.uniform(batch * kernel.outputShape().size(), 1.0, 4));
        kernel.forward();
        return kernel;
    }

    static Batch batch(ModelSpec model, int size) {
        return RandomBatches.of(model, size, 2);
    }
}
