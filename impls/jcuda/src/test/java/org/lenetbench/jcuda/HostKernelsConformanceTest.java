package org.lenetbench.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.conformance.BackendConformanceKit;

/**
 * The conformance kit on the jcuda backend with its kernels compiled for the CPU: the real kernel sources and
 * the real host code (layers, buffers, loss, optimizers), against the double-precision reference, on every
 * machine. Only the JCuda calls and what is particular to the GPU (races, its float rounding) are left to the
 * GPU run.
 */
class HostKernelsConformanceTest extends BackendConformanceKit {

    static JcudaBackend hostBackend() {
        return new JcudaBackend(HostGpu::open, "CUDA kernel sources compiled for the CPU (test emulation)");
    }

    @Override
    protected Backend backend() {
        return hostBackend();
    }

    @Test
    void theHostBuildOfTheKernelsLoads() {
        // the kit would skip an unavailable backend; here that would mean the kernels went untested
        assertEquals(Availability.AVAILABLE, hostBackend().availability());
    }
}
