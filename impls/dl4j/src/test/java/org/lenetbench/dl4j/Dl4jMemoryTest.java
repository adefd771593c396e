package org.lenetbench.dl4j;

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
 * Off-heap memory stops growing once warm ({@link ResidentMemoryCheck}): after 1,500 training steps of
 * {@code lenet5} at batch 64 on 2 threads, 2,000 more (8 rounds of 250) must not grow the resident set by more
 * than {@link #MARGIN_MIB} MiB, 128 KiB per step. Wide, because the resident set wanders with what ND4J has freed
 * so far and what glibc keeps mapped (measured with the pom's settings: 506, 759, 778, 794, 811, 811, 828, 845 MiB
 * in one run, 708, 729, 746, 759, 768, 710, 730, 744 and 766, 786, 812, 834, 801, 825, 845, 862 in others; a 48 MiB
 * margin failed once), and ND4J's own allocation counters (JavaCPP's {@code Pointer.totalBytes}, ND4J's
 * {@code AllocationsTracker}) stay at 0 on this backend, so there is no exact count to check instead. What it
 * catches: a step's gradients not released (240 KiB per step, 480 MiB over the run) or its activations (about
 * 3 MiB per step); a leak of under 128 KiB per step passes unseen. It runs in a JVM of its own with a fixed,
 * pre-touched heap and glibc told to return freed buffers where it can (see the pom).
 */
class Dl4jMemoryTest {
    private static final long MARGIN_MIB = 256;

    @Test
    void residentMemoryStopsGrowingAfterWarmUp() {
        Dl4jBackend backend = new Dl4jBackend();
        if (backend.availability() instanceof Availability.Unavailable u) {
            Assumptions.abort("dl4j unavailable here: " + u.reason());
        }
        Assumptions.assumeTrue(ResidentMemoryCheck.supported(), "needs /proc/self/status (Linux)");
        ModelSpec model = Models.lenet5();
        try (Network network = backend.open(model, Device.CPU, 2)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 7));
            ResidentMemoryCheck check = new ResidentMemoryCheck(network, 64);
            check.run(1_500);
            long[] samples = check.sample(8, 250);
            long growthMib = ResidentMemoryCheck.growthMib(samples);
            System.out.printf("dl4j resident memory (MiB) every 250 steps after 1,500 warm-up steps: %s; growth %d MiB, "
                    + "margin %d MiB%n", Arrays.toString(samples), growthMib, MARGIN_MIB);
            assertTrue(growthMib <= MARGIN_MIB, "resident memory grew by " + growthMib + " MiB over 2,000 steps after "
                    + "warm-up (margin " + MARGIN_MIB + " MiB): an ND4J array or SameDiff session is not released");
        }
    }
}
