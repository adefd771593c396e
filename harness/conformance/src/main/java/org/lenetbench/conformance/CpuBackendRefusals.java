package org.lenetbench.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * The contract's refusals that every CPU-only backend must give with a message that says what is wrong: a GPU
 * device, a parameter of the wrong shape (named), calls out of order (saying what is missing). A backend's test
 * class extends it and adds its own checks; skipped with the reason where the backend is unavailable.
 */
public abstract class CpuBackendRefusals {

    /** The backend under test (the same instance for every test of a class is fine). */
    protected abstract Backend backend();

    @BeforeEach
    void requireAvailable() {
        if (backend().availability() instanceof Availability.Unavailable u) {
            Assumptions.abort(backend().id() + " unavailable here: " + u.reason());
        }
    }

    @Test
    void aGpuDeviceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> backend().open(Models.lenet1(), Device.gpu(0, "x"), 1));
    }

    @Test
    void parametersOfTheWrongShapeAreRefusedByName() {
        ModelSpec model = Models.lenet1();
        try (Network n = backend().open(model, Device.CPU, 1)) {
            Map<String, Tensor> bad = new LinkedHashMap<>(Initializer.initialize(model, model.defaultInit(), 1).asMap());
            bad.put("c3.weight", Tensor.zeros(12, 4, 5, 4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> n.loadParameters(new NamedTensors(bad)));
            assertTrue(e.getMessage().contains("c3.weight"), e.getMessage());
        }
    }

    @Test
    void callsOutOfOrderSayWhatIsMissing() {
        ModelSpec model = Models.lenet1();
        try (Network n = backend().open(model, Device.CPU, 1)) {
            Batch batch = new Batch(model.input().shape(), 2);
            assertTrue(assertThrows(IllegalStateException.class, () -> n.forward(batch, new float[20]))
                    .getMessage().contains("loadParameters"));
            n.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
            assertTrue(assertThrows(IllegalStateException.class, () -> n.trainStep(batch, 1e-3))
                    .getMessage().contains("setOptimizer"));
        }
    }
}
