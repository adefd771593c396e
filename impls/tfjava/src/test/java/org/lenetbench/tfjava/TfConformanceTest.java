package org.lenetbench.tfjava;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on TensorFlow Java, 2 intra-op threads. */
class TfConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new TfBackend();
    }

    /** On Linux x86-64: TensorFlow's natives for it are in the build (tensorflow-core-native linux-x86_64). */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64();
    }
}
