package org.lenetbench.djl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;
import org.lenetbench.conformance.OneDnnCacheSizes;

/**
 * The conformance kit on a host whose CPUID hides the cache topology, made on any host by giving oneDNN the cache
 * sizes it computes there (1 byte each: {@link OneDnnCacheSizes#hideTopology()}) before it builds a primitive. The
 * simulation must break libtorch's convolution gradient with oneDNN on (else it proves nothing); the backend must
 * then find that, switch oneDNN off, say so, and pass every check. Runs in a JVM of its own (see the pom).
 */
class DjlHiddenCacheTopologyTest extends BackendConformanceKit {
    /** The probe's finding with oneDNN on, under the simulation, before the backend looked. */
    private static final Optional<String> BROKEN_WITH_ONEDNN;

    static {
        Engine engine = Engine.getEngine("PyTorch");
        OneDnnCacheSizes onednn = OneDnnCacheSizes.in("libtorch_cpu.so");
        System.out.println("libtorch's oneDNN, per-core cache sizes on this host (L1, L2, L3): "
                + java.util.Arrays.toString(onednn.perCoreSizes()));
        onednn.hideTopology();
        BROKEN_WITH_ONEDNN = ConvolutionBackwardProbe.firstError(engine);
    }

    @Override
    protected Backend backend() {
        return new DjlBackend();
    }

    @Test
    void theSimulationBreaksOneDnnsConvolutionGradient() {
        assertTrue(BROKEN_WITH_ONEDNN.isPresent(), "with every cache at 1 byte libtorch's oneDNN convolution gradient "
                + "was right: the simulation no longer reproduces the bug, so this test proves nothing");
    }

    @Test
    void theBackendSwitchesOneDnnOffAndSaysSo() {
        Backend backend = backend();
        assertTrue(backend.availability().isAvailable(), backend.availability().toString());
        assertFalse(LibtorchContext.ofLoadedLibtorch().mkldnnEnabled(), "oneDNN still on in libtorch");
        assertTrue(backend.engineVersion().contains("oneDNN disabled: its convolution input gradient was wrong"),
                backend.engineVersion());
        assertTrue(ConvolutionBackwardProbe.firstError(Engine.getEngine("PyTorch")).isEmpty());
    }

    /** On Linux x86-64, as the backend's own conformance test. */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64();
    }
}
