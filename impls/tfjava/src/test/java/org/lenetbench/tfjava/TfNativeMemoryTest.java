package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.conformance.ResidentMemoryCheck;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;

/**
 * Resident memory stops growing once warm ({@link ResidentMemoryCheck}): after 1,000 training steps of
 * {@code lenet5} at batch 64 on 2 threads, 2,000 more (8 rounds of 250) must not grow the resident set by more
 * than {@link #MARGIN_MIB} MiB, about 13 KiB per step over the 1,250 steps the check compares
 * ({@link ResidentMemoryCheck#stepsCompared}). It runs in a JVM of its own with a fixed, pre-touched heap
 * (see the pom). What it catches is native memory nothing on the Java side owns: a graph gaining ops every step
 * (one 4 KB constant per step, tried once, grew it by 80 MiB in the 2,000 measured steps, against 1 MiB
 * without), sessions or graphs never closed. A forgotten {@code Result.close()} is freed when its Java object is
 * collected (JavaCPP ties native buffers to the garbage collector), so it shows as garbage, not as growth.
 */
class TfNativeMemoryTest {
    private static final long MARGIN_MIB = 16;

    @Test
    void residentMemoryStopsGrowingAfterWarmUp() {
        TfBackend backend = new TfBackend();
        if (backend.availability() instanceof Availability.Unavailable u) {
            Assumptions.abort("tfjava unavailable here: " + u.reason());
        }
        Assumptions.assumeTrue(ResidentMemoryCheck.supported(), "needs /proc/self/status (Linux)");
        ModelSpec model = Models.lenet5();
        try (Network network = backend.open(model, Device.CPU, 2)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 7));
            ResidentMemoryCheck check = new ResidentMemoryCheck(network, 64);
            check.run(1_000);
            long[] samples = check.sample(8, 250);
            long growthMib = ResidentMemoryCheck.growthMib(samples);
            System.out.printf("tfjava resident memory (MiB) every 250 steps after 1,000 warm-up steps: %s; growth %d MiB, "
                    + "margin %d MiB%n", Arrays.toString(samples), growthMib, MARGIN_MIB);
            assertTrue(growthMib <= MARGIN_MIB, "resident memory grew by " + growthMib + " MiB over 2,000 steps after "
                    + "warm-up (margin " + MARGIN_MIB + " MiB): a graph, session or tensor is not released");
        }
    }
}
