package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.conformance.CpuBackendRefusals;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;

/** What the conformance kit does not cover: SDLM refused, bad calls named, settings recorded. */
class TfBackendTest extends CpuBackendRefusals {
    private static final TfBackend BACKEND = new TfBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
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
    void versionsAndInterOpThreadsAreRecorded() {
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
