package org.lenetbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Device;
import org.lenetbench.conformance.ResidentMemoryCheck;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;

/**
 * No NDArray leaks ({@link ResidentMemoryCheck}): after 1,000 training steps of {@code lenet5} at batch 64 on
 * 2 threads, 2,000 more (8 rounds of 250) must leave the number of live NDArrays (the network's manager and
 * PyTorch's system manager) exactly where it was, and must not grow the resident set by more than
 * {@link #MARGIN_MIB} MiB, about 13 KiB per step over the 1,250 steps the check compares
 * ({@link ResidentMemoryCheck#stepsCompared}). It runs in a JVM of its own with a fixed, pre-touched heap
 * (see the pom).
 */
class DjlMemoryTest {
    private static final long MARGIN_MIB = 16;

    @Test
    void arraysAndResidentMemoryStopGrowingAfterWarmUp() {
        DjlBackend backend = new DjlBackend();
        if (backend.availability() instanceof Availability.Unavailable u) {
            Assumptions.abort("djl unavailable here: " + u.reason());
        }
        Assumptions.assumeTrue(ResidentMemoryCheck.supported(), "needs /proc/self/status (Linux)");
        ModelSpec model = Models.lenet5();
        try (DjlNetwork network = (DjlNetwork) backend.open(model, Device.CPU, 2)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 7));
            ResidentMemoryCheck check = new ResidentMemoryCheck(network, 64);
            check.run(1_000);
            int arraysBefore = network.liveArrays();
            long[] samples = check.sample(8, 250);
            int arraysAfter = network.liveArrays();
            long growthMib = ResidentMemoryCheck.growthMib(samples);
            System.out.printf("djl: %d live NDArrays after 1,000 warm-up steps, %d after 2,000 more; resident memory "
                    + "(MiB) every 250 steps: %s; growth %d MiB, margin %d MiB%n", arraysBefore, arraysAfter,
                    Arrays.toString(samples), growthMib, MARGIN_MIB);
            assertEquals(arraysBefore, arraysAfter, "live NDArrays after 2,000 more steps");
            assertTrue(growthMib <= MARGIN_MIB, "resident memory grew by " + growthMib + " MiB over 2,000 steps after "
                    + "warm-up (margin " + MARGIN_MIB + " MiB)");
        }
    }
}
