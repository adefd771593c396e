package org.lenetbench.check;

/**
 * The worst element of {@code actual} against {@code expected}, relative to the largest |expected|:
 * the error measure of {@link Tolerances}.
 */
public record TensorDiff(double error, int index, float actual, float expected) {

    public static TensorDiff of(float[] actual, float[] expected) {
        return of(actual, expected, null);
    }

    /** As {@link #of(float[], float[])}, over the elements where {@code include[i]} (all if null). */
    public static TensorDiff of(float[] actual, float[] expected, boolean[] include) {
        return of(actual, expected, include, null);
    }

    /**
     * As above, forgiving {@code slack[i]} of each element's absolute difference (null: none) — the
     * resolution below which two float32 results cannot be told apart.
     */
    public static TensorDiff of(float[] actual, float[] expected, boolean[] include, float[] slack) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("length " + actual.length + " vs expected " + expected.length);
        }
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            if (include == null || include[i]) {
                scale = Math.max(scale, Math.abs(expected[i]));
            }
        }
        scale = Math.max(scale, Float.MIN_NORMAL);
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < actual.length; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            double difference = Math.abs((double) actual[i] - expected[i]);
            double e = (slack == null ? difference : Math.max(0, difference - slack[i])) / scale;
            if (Double.isNaN(e)) {
                return new TensorDiff(Double.NaN, i, actual[i], expected[i]);
            }
            if (e > worstError || worst < 0) {
                worstError = e;
                worst = i;
            }
        }
        return worst < 0 ? new TensorDiff(0, -1, 0, 0) : new TensorDiff(worstError, worst, actual[worst], expected[worst]);
    }

    public String describe(String name) {
        return index < 0 ? name + ": nothing compared"
                : String.format("%s[%d] = %.7g, reference %.7g", name, index, actual, expected);
    }
}
