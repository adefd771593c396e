package org.lenetbench.vector;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on the vector backend, 2 threads, preferred species. */
class VectorConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }
}
