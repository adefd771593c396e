package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/** What the conformance kit does not cover: SDLM refused, bad calls named, settings recorded. */
class TfBackendTest {
    private static final TfBackend BACKEND = new TfBackend();

    @BeforeAll
    static void requireTensorFlow() {
        if (BACKEND.availability() instanceof Availability.Unavailable u) {
            org.junit.jupiter.api.Assumptions.abort("tfjava unavailable here: " + u.reason());
        }
    }

    @Test
    void sdlmIsDeclaredUnsupportedWithTheReason() {
        assertFalse(BACKEND.supports(OptimizerSpec.Sdlm.PAPER).supported());
        try (Network n = BACKEND.open(Models.lenet51998(), Device.CPU, 1)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> n.setOptimizer(OptimizerSpec.Sdlm.PAPER));
            assertTrue(e.getMessage().contains("SDLM"), e.getMessage());
        }
    }

    @Test
    void aGpuDeviceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BACKEND.open(Models.lenet1(), Device.gpu(0, "x"), 1));
    }

    @Test
    void parametersOfTheWrongShapeAreRefusedByName() {
        ModelSpec model = Models.lenet1();
        try (Network n = BACKEND.open(model, Device.CPU, 1)) {
            NamedTensors good = Initializer.initialize(model, model.defaultInit(), 1);
            java.util.Map<String, Tensor> bad = new java.util.LinkedHashMap<>(good.asMap());
            bad.put("c3.weight", Tensor.zeros(12, 4, 5, 4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> n.loadParameters(new NamedTensors(bad)));
            assertTrue(e.getMessage().contains("c3.weight"), e.getMessage());
        }
    }

    @Test
    void trainingWithoutAnOptimizerOrParametersSaysWhatIsMissing() {
        ModelSpec model = Models.lenet1();
        try (Network n = BACKEND.open(model, Device.CPU, 1)) {
            Batch batch = new Batch(model.input().shape(), 2);
            assertTrue(assertThrows(IllegalStateException.class, () -> n.forward(batch, new float[20]))
                    .getMessage().contains("loadParameters"));
            n.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
            assertTrue(assertThrows(IllegalStateException.class, () -> n.trainStep(batch, 1e-3))
                    .getMessage().contains("setOptimizer"));
        }
    }

    @Test
    void threadsAndVersionsAreRecorded() {
        try (Network n = BACKEND.open(Models.lenet1(), Device.CPU, 2)) {
            assertEquals(2, n.threads());
        }
        assertTrue(BACKEND.engineVersion().contains("TensorFlow 2."), BACKEND.engineVersion());
        assertTrue(BACKEND.engineVersion().contains("inter-op threads 1"), BACKEND.engineVersion());
    }

    @Test
    void nativeLogsAreKeptToWarnings() {
        if (System.getenv(NativeLogging.VARIABLE) == null) {
            assertEquals("", BACKEND.loggingNote());
        }
    }

    @Test
    void aBadInterOpSettingIsNamed() {
        String old = System.setProperty(TfSessions.INTER_OP_PROPERTY, "zero");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TfSessions::interOpThreads);
            assertTrue(e.getMessage().contains(TfSessions.INTER_OP_PROPERTY), e.getMessage());
        } finally {
            System.clearProperty(TfSessions.INTER_OP_PROPERTY);
            if (old != null) {
                System.setProperty(TfSessions.INTER_OP_PROPERTY, old);
            }
        }
    }
}
