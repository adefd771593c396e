package org.lenetbench.conformance;

import org.lenetbench.backend.Backend;
import org.lenetbench.reference.ReferenceBackend;

/** The kit as a backend module uses it, on the reference itself: every check must pass with no error. */
class ReferenceConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new ReferenceBackend();
    }
}
