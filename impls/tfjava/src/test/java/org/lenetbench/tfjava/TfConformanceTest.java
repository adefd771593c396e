package org.lenetbench.tfjava;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on TensorFlow Java, 2 intra-op threads. */
class TfConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new TfBackend();
    }
}
