package org.lenetbench.jcuda;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.check.CheckResult;
import org.lenetbench.check.CrossCheck;
import org.lenetbench.check.Tolerances;
import org.lenetbench.conformance.BackendConformanceKit;
import org.lenetbench.jcuda.gpu.HostGpu.Schedule;
import org.lenetbench.jcuda.gpu.HostGpu;
import org.lenetbench.jcuda.layers.DenseLayer;
import org.lenetbench.model.Models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;



/**
 * The conformance kit on the jcuda backend with its kernels compiled for the CPU: the real kernel sources and
 * the real host code (layers, buffers, loss, optimizers), against the double-precision reference, on every
 * machine, with the shim running the last thread first. The subclasses run it all again in the shim's other
 * orders, where a thread that reads another's write without a barrier gets a stale value. Only the JCuda calls
 * and what is particular to the GPU (its float rounding, interleavings finer than a barrier's) are left to the
 * GPU run.
 */
class HostKernelsConformanceTest extends BackendConformanceKit {

    static JcudaBackend hostBackend() {
        return hostBackend(Schedule.LAST_FIRST);
    }

    static JcudaBackend hostBackend(Schedule schedule) {
        return new JcudaBackend(() -> HostGpu.open(schedule),
                "CUDA kernel sources compiled for the CPU (test emulation, " + schedule.label() + ")");
    }

    /** The order in which the shim runs threads between barriers. */
    protected Schedule schedule() {
        return Schedule.LAST_FIRST;
    }

    @Override
    protected Backend backend() {
        return hostBackend(schedule());
    }

    @Test
    void theHostBuildOfTheKernelsLoads() {
        // the kit would skip an unavailable backend; here that would mean the kernels went untested
        assertEquals(Availability.AVAILABLE, backend().availability());
    }

    /**
     * The kit's batches are small (8 images, 3 per layer). At {@value DenseLayer#SLICE} + 44 the convolutions' blocks
     * loop over many images and chunks, and the dense weight gradient is summed in two slices: the checks pass there
     * too. `lenet crosscheck --batch` runs the same on a GPU (scripts/gpu-run).
     */
    @Test
    void theChecksPassAtALargeBatch() {
        JcudaBackend backend = hostBackend(schedule());
        List<CheckResult> results = new CrossCheck(backend, backend.devices().getFirst(), 1, Tolerances.FLOAT32, 7)
                .withBatch(DenseLayer.SLICE + 44).run(Models.byName("lenet5"));
        assertEquals(List.of(), results.stream().filter(CheckResult::failed).toList());
        assertTrue(results.stream().filter(r -> r.status() == CheckResult.Status.PASS).count() > 10, results.toString());
    }
}
