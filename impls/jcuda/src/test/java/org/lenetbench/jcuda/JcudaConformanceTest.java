package org.lenetbench.jcuda;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on the GPU (JCuda, GPU 0); skipped with the backend's reason where there is none. */
class JcudaConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new JcudaBackend();
    }

    /** Where an NVIDIA driver is installed; without one the backend is unavailable, a visible skip. */
    @Override
    protected boolean availabilityExpected() {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/driver/nvidia/version"));
    }
}
