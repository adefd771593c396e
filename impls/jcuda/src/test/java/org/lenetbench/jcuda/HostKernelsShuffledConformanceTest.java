package org.lenetbench.jcuda;

import org.lenetbench.jcuda.gpu.HostGpu.Schedule;

/**
 * {@link HostKernelsConformanceTest} with the shim running the threads in a new order for every sweep, from a fixed
 * seed: a race between any two threads can show, the same way on every run.
 */
class HostKernelsShuffledConformanceTest extends HostKernelsConformanceTest {
    @Override
    protected Schedule schedule() {
        return Schedule.SHUFFLED;
    }
}
