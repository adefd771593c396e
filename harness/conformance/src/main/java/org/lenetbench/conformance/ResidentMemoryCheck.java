package org.lenetbench.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * Whether a native backend's resident memory stops growing once warm: the leak test the framework backends run.
 * Training steps (Adam, two alternating random batches, with a forward pass and a loss-and-gradients call every
 * 10th step so that every kind of call is exercised) first warm the network up, then run in equal rounds with
 * the process's resident set ({@code VmRSS}) sampled after a GC at the end of each round. The growth is the
 * median of the last three samples minus the median of the first three (single samples wander).
 *
 * <p>Run it in a JVM whose heap is fixed and touched up front ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}),
 * so that the Java heap growing or shrinking cannot pass for native memory. Linux only ({@link #supported()}).
 */
public final class ResidentMemoryCheck {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final Network network;
    private final Batch[] batches;
    private final float[] scores;

    public ResidentMemoryCheck(Network network, int batchSize) {
        ModelSpec model = network.model();
        this.network = network;
        this.batches = new Batch[] {RandomBatches.of(model, batchSize, 1), RandomBatches.of(model, batchSize, 2)};
        this.scores = new float[batchSize * model.classes()];
        network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
    }

    public static boolean supported() {
        return Files.isReadable(STATUS);
    }

    /** Runs {@code steps} training steps. */
    public void run(int steps) {
        for (int step = 0; step < steps; step++) {
            Batch batch = batches[step % 2];
            network.trainStep(batch, 1e-4);
            if (step % 10 == 0) {
                network.forward(batch, scores);
                network.lossAndGradients(batch);
            }
        }
    }

    /** {@code rounds} rounds of {@code stepsPerRound} steps; the resident MiB after each. */
    public long[] sample(int rounds, int stepsPerRound) {
        long[] samples = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            run(stepsPerRound);
            samples[i] = residentMibAfterGc();
        }
        return samples;
    }

    /**
     * The steps between what {@link #growthMib} compares: the medians of the first and of the last three rounds
     * are the second and the next-to-last round's samples, {@code rounds − 3} rounds apart. A limit per step is
     * this many times larger over the run.
     */
    public static int stepsCompared(int rounds, int stepsPerRound) {
        if (rounds < 6) {
            throw new IllegalArgumentException("need at least 6 rounds, got " + rounds);
        }
        return (rounds - 3) * stepsPerRound;
    }

    /** Median of the last three samples minus median of the first three, in MiB. */
    public static long growthMib(long[] samples) {
        if (samples.length < 6) {
            throw new IllegalArgumentException("need at least 6 samples, got " + samples.length);
        }
        return median3(samples, samples.length - 3) - median3(samples, 0);
    }

    private static long median3(long[] samples, int from) {
        long[] three = Arrays.copyOfRange(samples, from, from + 3);
        Arrays.sort(three);
        return three[1];
    }

    public static long residentMibAfterGc() {
        System.gc();
        try {
            Thread.sleep(100); // native buffers tied to collected objects are freed on threads of their own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(STATUS + " has no VmRSS line");
    }
}
