package org.lenetbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.conformance.CpuBackendRefusals;
import org.lenetbench.conformance.GarbageCollectionCheck;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;

/** What the conformance kit does not cover: SDLM refused, bad calls named, natives and settings recorded, quiet. */
class Dl4jBackendTest extends CpuBackendRefusals {
    private static final Dl4jBackend BACKEND = new Dl4jBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }

    @Test
    void sdlmIsDeclaredUnsupportedWithTheReason() {
        assertFalse(BACKEND.supports(OptimizerSpec.Sdlm.PAPER).supported());
        try (Network n = BACKEND.open(Models.lenet51998(), Device.CPU, 1)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> n.setOptimizer(OptimizerSpec.Sdlm.PAPER));
            assertTrue(e.getMessage().contains("SDLM"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> n.curvature(new Batch(n.model().input().shape(), 1)));
        }
    }

    @Test
    void aLabelOutsideTheClassesIsNamed() {
        ModelSpec model = Models.lenet1();
        try (Network n = BACKEND.open(model, Device.CPU, 1)) {
            n.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
            Batch batch = RandomBatches.of(model, 2, 1);
            batch.labels()[1] = 10;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.lossAndGradients(batch));
            assertTrue(e.getMessage().contains("label 10 of sample 1"), e.getMessage());
        }
    }

    @Test
    void theOneDnnNativesAreLoadedAndThreadsRecorded() {
        assertTrue(BACKEND.engineVersion().contains("with oneDNN"), BACKEND.engineVersion());
        // what ND4J itself uses, for its own ops (OpenMP) and for BLAS, after each open
        for (int threads : new int[] {2, 1}) {
            try (Network n = BACKEND.open(Models.lenet1(), Device.CPU, threads)) {
                assertEquals(threads, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads());
                assertEquals(threads, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
                assertEquals(threads, n.threads());
                assertTrue(BACKEND.engineVersion().contains("threads " + threads), BACKEND.engineVersion());
            }
        }
    }

    /** ND4J frees an array's native memory when it is closed or collected: neither may change what is computed. */
    @Test
    void garbageCollectionDoesNotChangeTraining() throws InterruptedException {
        GarbageCollectionCheck.requireSameLosses(BACKEND, 50);
    }

    /** SameDiff prints "Added differentiated op …" for every op when it builds a gradient graph. */
    @Test
    void buildingTheGradientGraphPrintsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Network n = BACKEND.open(Models.lenet5(), Device.CPU, 1)) {
            n.loadParameters(Initializer.initialize(n.model(), n.model().defaultInit(), 1));
            n.layer("c3", 2).close();
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    /** Other output written while the gradient graph is built is passed through unchanged. */
    @Test
    void theFilterDropsOnlySameDiffsLines() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuietSameDiff.run(() -> {
                System.out.println("Added differentiated op conv2d");
                System.out.println("kept");
                System.out.print("also kept\n");
            });
        } finally {
            System.setOut(original);
        }
        assertEquals("kept" + System.lineSeparator() + "also kept\n", captured.toString(StandardCharsets.UTF_8));
    }
}
