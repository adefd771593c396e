package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sample-by-sample convolution family of {@link VectorOps}: a row, a whole k×k plane and a band of a plane,
 * the positions of an output row in the lanes. Used where a map is wide enough to fill the lanes (C1's rows of 28)
 * and for kernels other than 5×5.
 */
final class PlaneConvolutionKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private PlaneConvolutionKernels() {
    }

    static void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n) {
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            FloatVector acc = FloatVector.fromArray(species, y, yOff + i);
            for (int v = 0; v < k; v++) {
                acc = FloatVector.fromArray(species, x, xOff + i + v).fma(FloatVector.broadcast(species, w[wOff + v]), acc);
            }
            acc.intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector acc = FloatVector.fromArray(species, y, yOff + i, m);
            for (int v = 0; v < k; v++) {
                acc = FloatVector.fromArray(species, x, xOff + i + v, m).fma(FloatVector.broadcast(species, w[wOff + v]), acc);
            }
            acc.intoArray(y, yOff + i, m);
        }
    }

    /**
     * Whole rows, when the stride is a whole number of vectors, go column by column ({@link #convolveColumn5}); what
     * is left in strips of {@value #STRIP} vectors, each kept in registers over all k·k taps (one broadcast of a weight
     * feeds {@value #STRIP} independent fused multiply-adds), then single vectors, the last one masked. Every path
     * makes the same additions in the same order as k convolveRow calls, so the same bits. Kernels other than 5 wide
     * go row by row.
     */
    static void convolvePlane(float[] w, int wOff, int k, float[] x, int xOff, int stride, float[] y, int yOff, int n) {
        convolveBand(w, wOff, k, x, xOff, stride, 0, Integer.MAX_VALUE, y, yOff, n);
    }

    /** The band is used on the column-by-column path; elsewhere the zeros are multiplied. */
    static void convolveBand(float[] w, int wOff, int k, float[] x, int xOff, int stride, int firstRow, int endRow,
            float[] y, int yOff, int n) {
        if (k != 5) {
            for (int u = 0; u < k; u++) {
                convolveRow(w, wOff + u * k, k, x, xOff + u * stride, y, yOff, n);
            }
            return;
        }
        int i = 0;
        if (stride % LANES == 0 && n >= stride) {
            int rows = n / stride;
            for (int column = 0; column < stride; column += LANES) {
                convolveColumn5(w, wOff, x, xOff + column, stride, firstRow, endRow, y, yOff + column, rows);
            }
            i = rows * stride;
        }
        for (; i + STRIP * LANES <= n; i += STRIP * LANES) {
            convolveStrip5(w, wOff, x, xOff + i, stride, y, yOff + i);
        }
        for (; i < n; i += LANES) {
            convolveVector5(w, wOff, x, xOff, stride, y, yOff, i, n);
        }
    }

    private static final int STRIP = 4;

    /**
     * One vector-wide column of {@code rows} whole rows (the row stride a multiple of the vector), walked down
     * the input: each input row's five shifted vectors are loaded once and feed the five output rows they belong
     * to (a0 is output row r, a4 row r − 4, complete after this input row). Five loads for 25 fused multiply-adds,
     * where a strip needs one load per multiply-add. Taps reach each output in the order of u, then v, as in
     * convolveRow. The first and last four input rows feed fewer output rows, and input rows outside
     * [firstRow, endRow) are zeros, whose products are skipped.
     */
    private static void convolveColumn5(float[] w, int wOff, float[] x, int xOff, int stride, int firstRow, int endRow,
            float[] y, int yOff, int rows) {
        FloatVector zero = FloatVector.zero(species);
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        FloatVector a4 = zero;
        for (int r = 0; r < rows + 4; r++) {
            FloatVector a0 = r < rows ? FloatVector.fromArray(species, y, yOff + r * stride) : zero;
            int xi = xOff + r * stride;
            boolean zeros = r < firstRow || r >= endRow;
            if (r >= 4 && r < rows && !zeros) {
                for (int v = 0; v < 5; v++) {
                    FloatVector xv = FloatVector.fromArray(species, x, xi + v);
                    a0 = xv.fma(FloatVector.broadcast(species, w[wOff + v]), a0);
                    a1 = xv.fma(FloatVector.broadcast(species, w[wOff + 5 + v]), a1);
                    a2 = xv.fma(FloatVector.broadcast(species, w[wOff + 10 + v]), a2);
                    a3 = xv.fma(FloatVector.broadcast(species, w[wOff + 15 + v]), a3);
                    a4 = xv.fma(FloatVector.broadcast(species, w[wOff + 20 + v]), a4);
                }
            } else if (!zeros) { // the first and last four input rows: only the output rows that exist
                boolean has0 = r < rows;
                boolean has1 = r >= 1 && r <= rows;
                boolean has2 = r >= 2 && r <= rows + 1;
                boolean has3 = r >= 3 && r <= rows + 2;
                boolean has4 = r >= 4;
                for (int v = 0; v < 5; v++) {
                    FloatVector xv = FloatVector.fromArray(species, x, xi + v);
                    if (has0) {
                        a0 = xv.fma(FloatVector.broadcast(species, w[wOff + v]), a0);
                    }
                    if (has1) {
                        a1 = xv.fma(FloatVector.broadcast(species, w[wOff + 5 + v]), a1);
                    }
                    if (has2) {
                        a2 = xv.fma(FloatVector.broadcast(species, w[wOff + 10 + v]), a2);
                    }
                    if (has3) {
                        a3 = xv.fma(FloatVector.broadcast(species, w[wOff + 15 + v]), a3);
                    }
                    if (has4) {
                        a4 = xv.fma(FloatVector.broadcast(species, w[wOff + 20 + v]), a4);
                    }
                }
            }
            if (r >= 4) {
                a4.intoArray(y, yOff + (r - 4) * stride);
            }
            a4 = a3;
            a3 = a2;
            a2 = a1;
            a1 = a0;
        }
    }

    /** {@value #STRIP} full vectors of output, 25 taps. */
    private static void convolveStrip5(float[] w, int wOff, float[] x, int xOff, int stride, float[] y, int yOff) {
        FloatVector a0 = FloatVector.fromArray(species, y, yOff);
        FloatVector a1 = FloatVector.fromArray(species, y, yOff + LANES);
        FloatVector a2 = FloatVector.fromArray(species, y, yOff + 2 * LANES);
        FloatVector a3 = FloatVector.fromArray(species, y, yOff + 3 * LANES);
        for (int u = 0; u < 5; u++) {
            for (int v = 0; v < 5; v++) {
                FloatVector wv = FloatVector.broadcast(species, w[wOff + u * 5 + v]);
                int xi = xOff + u * stride + v;
                a0 = FloatVector.fromArray(species, x, xi).fma(wv, a0);
                a1 = FloatVector.fromArray(species, x, xi + LANES).fma(wv, a1);
                a2 = FloatVector.fromArray(species, x, xi + 2 * LANES).fma(wv, a2);
                a3 = FloatVector.fromArray(species, x, xi + 3 * LANES).fma(wv, a3);
            }
        }
        a0.intoArray(y, yOff);
        a1.intoArray(y, yOff + LANES);
        a2.intoArray(y, yOff + 2 * LANES);
        a3.intoArray(y, yOff + 3 * LANES);
    }

    /** The vector of output starting at i (masked past n), 25 taps. */
    private static void convolveVector5(float[] w, int wOff, float[] x, int xOff, int stride, float[] y, int yOff,
            int i, int n) {
        VectorMask<Float> m = species.indexInRange(i, n);
        FloatVector acc = FloatVector.fromArray(species, y, yOff + i, m);
        for (int u = 0; u < 5; u++) {
            for (int v = 0; v < 5; v++) {
                int xi = xOff + u * stride + i + v;
                acc = FloatVector.fromArray(species, x, xi, m).fma(FloatVector.broadcast(species, w[wOff + u * 5 + v]), acc);
            }
        }
        acc.intoArray(y, yOff + i, m);
    }
}
