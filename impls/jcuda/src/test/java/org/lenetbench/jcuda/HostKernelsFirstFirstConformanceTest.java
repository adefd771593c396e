package org.lenetbench.jcuda;

import org.lenetbench.jcuda.gpu.HostGpu.Schedule;

/**
 * {@link HostKernelsConformanceTest} with the shim running the first thread first: a read of a later thread's write
 * that has no barrier before it gets a stale value.
 */
class HostKernelsFirstFirstConformanceTest extends HostKernelsConformanceTest {
    @Override
    protected Schedule schedule() {
        return Schedule.FIRST_FIRST;
    }
}
