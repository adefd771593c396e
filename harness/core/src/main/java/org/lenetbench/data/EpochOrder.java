package org.lenetbench.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training images: a Fisher-Yates shuffle drawn from
 * (seed, epoch), so that every backend sees the same images in the same order, run after run.
 */
public final class EpochOrder {
    private final int[] order;
    private final long seed;

    public EpochOrder(int count, long seed) {
        this.order = new int[count];
        this.seed = seed;
    }

    /** The order of {@code epoch} (0-based); the array is reused, not reallocated. */
    public int[] shuffle(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** 0, 1, 2, …: the test set's order. */
    public static int[] identity(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        return order;
    }
}
