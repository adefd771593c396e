package org.lenetbench.vector;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/**
 * The conformance kit on the vector backend, 2 threads, the species of the run (the pom runs it at 512, 256 and
 * 128 bits). The batch gives each of the two workers one whole group of samples in lanes (the trunk's
 * batch-in-lanes path) and a partial one (sample by sample): {@code 2 · lanes + 3} split as
 * {@code lanes + 1} and {@code lanes + 2}.
 */
class VectorConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new VectorBackend();
    }

    @Override
    protected int batch() {
        return 2 * VectorOps.INSTANCE.lanes() + 3;
    }
}
