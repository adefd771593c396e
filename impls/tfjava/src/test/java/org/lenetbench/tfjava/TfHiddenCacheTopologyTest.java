package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;
import org.lenetbench.conformance.OneDnnCacheSizes;

/**
 * Is TensorFlow's oneDNN exposed like libtorch's on hosts whose CPUID hides the cache topology? The conformance kit
 * with the oneDNN inside libtensorflow_cc given 1-byte caches (what oneDNN 3.7.1 computes on such hosts) before it
 * builds a primitive. Passing here means TensorFlow's kernels for LeNet do not depend on the sizes. A JVM of its own.
 */
class TfHiddenCacheTopologyTest extends BackendConformanceKit {
    private static final OneDnnCacheSizes ONEDNN = OneDnnCacheSizes.in("libtensorflow_cc.so.2");
    private static final long[] ON_THIS_HOST;

    static {
        new TfBackend().availability(); // loads the natives
        ON_THIS_HOST = ONEDNN.perCoreSizes();
        System.out.println("TensorFlow's oneDNN, per-core cache sizes on this host (L1, L2, L3): " + Arrays.toString(ON_THIS_HOST));
        ONEDNN.hideTopology();
    }

    @Override
    protected Backend backend() {
        return new TfBackend();
    }

    @Test
    void theSimulationIsInPlace() {
        assertEquals(Arrays.toString(new long[] {1, 1, 1}), Arrays.toString(ONEDNN.perCoreSizes()));
    }

    /** On Linux x86-64, as the backend's own conformance test. */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64();
    }
}
