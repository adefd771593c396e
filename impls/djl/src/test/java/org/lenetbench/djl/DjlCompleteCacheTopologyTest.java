package org.lenetbench.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;
import org.lenetbench.conformance.OneDnnCacheSizes;

/**
 * The other side of {@link DjlHiddenCacheTopologyTest}: with sane cache sizes (oneDNN's own guesses, given to it
 * whatever this host's CPUID says) oneDNN's convolution gradient is right, the backend keeps oneDNN on, and the kit
 * passes with it. On a host that hides its topology this also shows that the cache sizes are the whole cause. A JVM
 * of its own.
 */
class DjlCompleteCacheTopologyTest extends BackendConformanceKit {
    static {
        Engine.getEngine("PyTorch");
        OneDnnCacheSizes.in("libtorch_cpu.so").oneDnnGuesses();
    }

    @Override
    protected Backend backend() {
        return new DjlBackend();
    }

    @Test
    void withSaneCacheSizesOneDnnStaysOn() {
        Backend backend = backend();
        assertTrue(backend.availability().isAvailable(), backend.availability().toString());
        assertTrue(LibtorchContext.ofLoadedLibtorch().mkldnnEnabled(), "oneDNN switched off: " + backend.engineVersion());
        assertTrue(backend.engineVersion().contains("oneDNN on"), backend.engineVersion());
    }

    /** On Linux x86-64, as the backend's own conformance test. */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64();
    }
}
