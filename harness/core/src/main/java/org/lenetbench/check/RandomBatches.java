package org.lenetbench.check;

import java.util.SplittableRandom;

import org.lenetbench.backend.Batch;
import org.lenetbench.model.ModelSpec;

/**
 * Batches drawn from a seed for checks that need no real data: pixels uniform over the model's input range
 * (as scaled MNIST would be), labels uniform over the classes.
 */
public final class RandomBatches {
    private RandomBatches() {
    }

    public static Batch of(ModelSpec model, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Batch batch = new Batch(model.input().shape(), size);
        float[] images = batch.images();
        for (int i = 0; i < images.length; i++) {
            images[i] = model.input().scale(random.nextInt(256));
        }
        for (int n = 0; n < size; n++) {
            batch.labels()[n] = random.nextInt(model.classes());
        }
        return batch;
    }

    /** Values uniform in [−scale, scale]: inputs and output gradients of a single layer. */
    public static float[] uniform(int length, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return values;
    }
}
