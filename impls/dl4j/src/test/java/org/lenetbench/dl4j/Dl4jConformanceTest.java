package org.lenetbench.dl4j;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on Deeplearning4j SameDiff, 2 threads. */
class Dl4jConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }
}
