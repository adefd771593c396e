package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.check.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;

/**
 * Resident memory stops growing once warm. After {@link #WARM_UP_STEPS} training steps of {@code lenet5} at batch
 * 64, {@link #MEASURED_STEPS} more (with a forward pass and a loss-and-gradients call every 10th step, so that
 * every kind of session run is exercised) must not grow the process's resident set ({@code VmRSS}) by more than
 * {@link #MARGIN_MIB} MiB, about 8 KiB per step. Sampled every 250 steps after a GC; the growth is the median of
 * the last three samples minus the median of the first three.
 *
 * <p>It runs in a JVM of its own (see the pom) whose heap is fixed and touched up front ({@code -Xms = -Xmx},
 * {@code -XX:+AlwaysPreTouch}), so that the Java heap growing or shrinking cannot pass for native memory. What it
 * catches is native memory nothing on the Java side owns: a graph gaining ops every step (one 4 KB constant
 * per step, tried once, grew it by 80 MiB in the 2,000 measured steps, against 1 MiB without), sessions or
 * graphs never closed. A forgotten
 * {@code Result.close()} is freed when its Java object is collected (JavaCPP ties native buffers to the garbage
 * collector), so it shows as garbage, not as growth.
 */
class TfNativeMemoryTest {
    private static final int WARM_UP_STEPS = 1_000;
    private static final int MEASURED_STEPS = 2_000;
    private static final int SAMPLES = 8;
    private static final long MARGIN_MIB = 16;

    @Test
    void residentMemoryStopsGrowingAfterWarmUp() {
        TfBackend backend = new TfBackend();
        if (backend.availability() instanceof Availability.Unavailable u) {
            Assumptions.abort("tfjava unavailable here: " + u.reason());
        }
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc/self/status (Linux)");
        ModelSpec model = Models.lenet5();
        int batchSize = 64;
        Batch[] batches = {RandomBatches.of(model, batchSize, 1), RandomBatches.of(model, batchSize, 2)};
        float[] scores = new float[batchSize * model.classes()];
        try (Network network = backend.open(model, Device.CPU, 2)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 7));
            network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            run(network, batches, scores, WARM_UP_STEPS);
            long[] samples = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                run(network, batches, scores, MEASURED_STEPS / SAMPLES);
                samples[i] = residentMibAfterGc();
            }
            long growthMib = median(samples, SAMPLES - 3) - median(samples, 0);
            System.out.printf("tfjava resident memory (MiB) every %d steps after %d warm-up steps: %s; growth %d MiB, "
                    + "margin %d MiB%n", MEASURED_STEPS / SAMPLES, WARM_UP_STEPS, Arrays.toString(samples), growthMib,
                    MARGIN_MIB);
            assertTrue(growthMib <= MARGIN_MIB, "resident memory grew by " + growthMib + " MiB over " + MEASURED_STEPS
                    + " steps after warm-up (margin " + MARGIN_MIB + " MiB): a graph, session or tensor is not released");
        }
    }

    private static void run(Network network, Batch[] batches, float[] scores, int steps) {
        for (int step = 0; step < steps; step++) {
            Batch batch = batches[step % 2];
            network.trainStep(batch, 1e-4);
            if (step % 10 == 0) {
                network.forward(batch, scores);
                network.lossAndGradients(batch);
            }
        }
    }

    private static long median(long[] samples, int from) {
        long[] three = Arrays.copyOfRange(samples, from, from + 3);
        Arrays.sort(three);
        return three[1];
    }

    private static long residentMibAfterGc() {
        System.gc();
        try {
            Thread.sleep(100); // JavaCPP frees the native side of collected tensors on a thread of its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
