package org.lenetbench.dl4j;

import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/** The conformance kit on Deeplearning4j SameDiff, 2 threads. */
class Dl4jConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }

    /**
     * On Linux x86-64, where the CPU has the flags the ND4J natives on the class path need (otherwise the backend
     * refuses them with the classifier to build with instead, a legitimate skip).
     */
    @Override
    protected boolean availabilityExpected() {
        return onLinuxX86_64() && Nd4jNatives.classifierOnClassPath()
                .map(c -> Nd4jNatives.cpuFlags().flatMap(f -> Nd4jNatives.cannotRun(c, f)).isEmpty()).orElse(true);
    }
}
