package org.lenetbench.data;

import java.util.SplittableRandom;

import org.lenetbench.backend.Batch;
import org.lenetbench.model.Input;
import org.lenetbench.model.ModelSpec;

/**
 * Inputs drawn from a seed for checks that need no real data. They are made to contain what real data contains and
 * uniform noise does not: exact ties and exact zeros, where max-pooling must route a gradient by the contract's tie
 * rule and ReLU must take its derivative at 0.
 */
public final class RandomBatches {
    /** Strokes per digit-like image: enough for crossings and blank space around them, as in handwriting. */
    private static final int STROKES = 3;
    /** Layer inputs take one of these steps with probability 1/2: 9 levels in [−1, 1], so windows tie often. */
    private static final double TIE_STEP = 0.25;

    private RandomBatches() {
    }

    /**
     * Digit-like images, labels uniform over the classes: a blank background (raw 0) with a few saturated strokes
     * (raw 255, about two pixels wide) drawn in MNIST's central 20 × 20 box, grey only at their edges; the model's
     * padding holds the background. So, as in MNIST, most pooling windows over the background tie, and so do those
     * inside a stroke.
     */
    public static Batch of(ModelSpec model, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Input input = model.input();
        int side = input.shape().width();
        Batch batch = new Batch(input.shape(), size);
        float[] images = batch.images();
        int[] raw = new int[input.sourceSize() * input.sourceSize()];
        for (int n = 0; n < size; n++) {
            drawStrokes(raw, input.sourceSize(), random);
            int offset = n * side * side;
            java.util.Arrays.fill(images, offset, offset + side * side, input.scale(0));
            for (int i = 0; i < input.sourceSize(); i++) {
                for (int j = 0; j < input.sourceSize(); j++) {
                    images[offset + (i + input.padding()) * side + j + input.padding()] =
                            input.scale(raw[i * input.sourceSize() + j]);
                }
            }
            batch.labels()[n] = random.nextInt(model.classes());
        }
        return batch;
    }

    private static void drawStrokes(int[] raw, int size, SplittableRandom random) {
        java.util.Arrays.fill(raw, 0);
        int margin = (size - 20) / 2;
        for (int s = 0; s < STROKES; s++) {
            double x0 = margin + 20 * random.nextDouble(), y0 = margin + 20 * random.nextDouble();
            double x1 = margin + 20 * random.nextDouble(), y1 = margin + 20 * random.nextDouble();
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    double d = distanceToSegment(j + 0.5, i + 0.5, x0, y0, x1, y1);
                    // saturated within 1 pixel of the centre line, a linear edge to blank at 2
                    int value = d <= 1 ? 255 : d >= 2 ? 0 : (int) Math.round(255 * (2 - d));
                    raw[i * size + j] = Math.max(raw[i * size + j], value);
                }
            }
        }
    }

    private static double distanceToSegment(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0, dy = y1 - y0;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.clamp(((px - x0) * dx + (py - y0) * dy) / length2, 0, 1);
        return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
    }

    /** Values uniform in [−scale, scale]: output gradients of a single layer. */
    public static float[] uniform(int length, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return values;
    }

    /**
     * Inputs of a single layer in [−1, 1]: half of them uniform, half on a grid of {@value #TIE_STEP} (zero
     * included), so that a 2 × 2 window often ties for its largest value and many inputs are exactly 0.
     */
    public static float[] withTies(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        int levels = (int) Math.round(1 / TIE_STEP);
        for (int i = 0; i < length; i++) {
            values[i] = random.nextBoolean() ? (float) (random.nextInt(-levels, levels + 1) * TIE_STEP)
                    : (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }
}
