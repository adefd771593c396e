package org.lenetbench.djl;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on DJL's PyTorch engine, 2 intra-op threads. */
class DjlConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new DjlBackend();
    }

    /** On Linux x86-64: libtorch for it is in the build (pytorch-native-cpu linux-x86_64). */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64();
    }
}
