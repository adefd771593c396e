package org.lenetbench.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;

/**
 * Whether the garbage collector can change a native backend's training: native memory that only a Java object keeps
 * alive (a buffer an operand wraps, an array the graph still reads) is freed when that object is collected, and the
 * native side then reads freed memory. {@link #losses} trains {@code lenet5} at batch 16 with Adam on two
 * alternating random batches, optionally with a thread calling {@code System.gc()} every millisecond; a backend's
 * test requires the two runs' losses to be equal bit for bit (which also requires runs to be deterministic for a
 * given thread count).
 */
public final class GarbageCollectionCheck {
    private GarbageCollectionCheck() {
    }

    /** Fails unless {@code steps} steps under constant collections give a quiet run's losses, bit for bit. */
    public static void requireSameLosses(Backend backend, int steps) throws InterruptedException {
        double[] quiet = losses(backend, steps, false);
        double[] collected = losses(backend, steps, true);
        for (int step = 0; step < steps; step++) {
            assertTrue(Double.isFinite(collected[step]), "loss at step " + step + " is " + collected[step]);
            assertEquals(quiet[step], collected[step], 0.0, "loss at step " + step);
        }
    }

    /** The loss of each of {@code steps} training steps on 2 threads, with or without constant collections. */
    public static double[] losses(Backend backend, int steps, boolean collectGarbage) throws InterruptedException {
        ModelSpec model = Models.lenet5();
        Batch[] batches = {RandomBatches.of(model, 16, 1), RandomBatches.of(model, 16, 2)};
        double[] losses = new double[steps];
        Thread collector = new Thread(() -> {
            try {
                while (true) {
                    System.gc();
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "gc-pressure");
        try (Network n = backend.open(model, Device.CPU, 2)) {
            n.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
            n.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            if (collectGarbage) {
                collector.start();
            }
            for (int step = 0; step < steps; step++) {
                losses[step] = n.trainStep(batches[step % 2], 2e-3);
            }
        } finally {
            collector.interrupt();
            collector.join();
        }
        return losses;
    }
}
