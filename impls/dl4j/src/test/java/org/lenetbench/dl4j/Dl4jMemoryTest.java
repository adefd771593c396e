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
 * Off-heap memory stops growing once warm ({@link ResidentMemoryCheck}): after {@value #WARM_UP} training steps of
 * {@code lenet5} at batch {@value #BATCH} on 2 threads, {@value #ROUNDS} rounds of {@value #STEPS_PER_ROUND} more
 * must not grow the resident set by more than {@value #LIMIT_KIB_PER_STEP} KiB per step over the steps the check
 * compares ({@link ResidentMemoryCheck#stepsCompared}). Wide, because the resident set wanders with what ND4J has
 * freed so far and what glibc keeps mapped (at batch 64, samples such as 708, 729, 746, 759, 768, 710, 730, 744 MiB;
 * a 48 MiB margin over 1,250 steps failed once), and ND4J's own allocation counters (JavaCPP's
 * {@code Pointer.totalBytes}, ND4J's {@code AllocationsTracker}) stay at 0 on this backend, so there is no exact
 * count to check instead. What it catches: a step's gradients not released (240 KiB per step) or its activations
 * (about 0.7 MiB per step at this batch); a leak of under {@value #LIMIT_KIB_PER_STEP} KiB per step passes unseen.
 * Batch 16 rather than 64: a step's own buffers leak the same whatever the batch, and the test takes a quarter of the
 * time. It runs in a JVM of its own with a fixed, pre-touched heap and glibc told to return freed buffers where it can
 * (see the pom).
 */
class Dl4jMemoryTest {
    private static final int BATCH = 16;
    private static final int WARM_UP = 1_000;
    private static final int ROUNDS = 8;
    private static final int STEPS_PER_ROUND = 250;
    private static final long LIMIT_KIB_PER_STEP = 128;

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
            ResidentMemoryCheck check = new ResidentMemoryCheck(network, BATCH);
            check.run(WARM_UP);
            long[] samples = check.sample(ROUNDS, STEPS_PER_ROUND);
            long growthMib = ResidentMemoryCheck.growthMib(samples);
            int steps = ResidentMemoryCheck.stepsCompared(ROUNDS, STEPS_PER_ROUND);
            long marginMib = LIMIT_KIB_PER_STEP * steps >> 10;
            System.out.printf("dl4j resident memory (MiB) every %d steps after %d warm-up steps: %s; growth %d MiB over "
                    + "%d steps, margin %d MiB (%d KiB per step)%n", STEPS_PER_ROUND, WARM_UP, Arrays.toString(samples),
                    growthMib, steps, marginMib, LIMIT_KIB_PER_STEP);
            assertTrue(growthMib <= marginMib, "resident memory grew by " + growthMib + " MiB over " + steps
                    + " steps after warm-up (margin " + marginMib + " MiB, " + LIMIT_KIB_PER_STEP
                    + " KiB per step): an ND4J array or SameDiff session is not released");
        }
    }
}
