package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sample-by-sample weight-gradient family of {@link VectorOps}: the correlation of an output gradient with its
 * input over a kernel row or a whole kernel, lane-expanded (each tap's partial sums stay in a vector's lanes and
 * the caller adds them up once per batch chunk).
 */
final class PlaneCorrelationKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private PlaneCorrelationKernels() {
    }

    /**
     * Kept small on purpose (under C2's 325-byte inlining limit, and small enough for C1): a larger version
     * with the masked tail and the other-width path inside failed C1 ("out of virtual registers"), stayed in
     * unoptimised code in some JVMs, boxed every vector and made a training step 10× slower.
     */
    static void correlateRow(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out, int outOff) {
        if (k != 5) { // every LeNet kernel is 5 wide
            correlateRowPerTap(g, gOff, x, xOff, k, n, out, outOff);
            return;
        }
        FloatVector a0 = FloatVector.fromArray(species, out, outOff);
        FloatVector a1 = FloatVector.fromArray(species, out, outOff + LANES);
        FloatVector a2 = FloatVector.fromArray(species, out, outOff + 2 * LANES);
        FloatVector a3 = FloatVector.fromArray(species, out, outOff + 3 * LANES);
        FloatVector a4 = FloatVector.fromArray(species, out, outOff + 4 * LANES);
        int bound = species.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector gv = FloatVector.fromArray(species, g, gOff + i);
            int xi = xOff + i;
            a0 = gv.fma(FloatVector.fromArray(species, x, xi), a0);
            a1 = gv.fma(FloatVector.fromArray(species, x, xi + 1), a1);
            a2 = gv.fma(FloatVector.fromArray(species, x, xi + 2), a2);
            a3 = gv.fma(FloatVector.fromArray(species, x, xi + 3), a3);
            a4 = gv.fma(FloatVector.fromArray(species, x, xi + 4), a4);
        }
        a0.intoArray(out, outOff);
        a1.intoArray(out, outOff + LANES);
        a2.intoArray(out, outOff + 2 * LANES);
        a3.intoArray(out, outOff + 3 * LANES);
        a4.intoArray(out, outOff + 4 * LANES);
        addTail(g, gOff, x, xOff, 5, bound, n, out, outOff);
    }

    /**
     * Whole rows (the row stride a multiple of the vector) go by vector-wide columns, kernel rows 0–2 in one pass
     * and 3–4 in a second: each input row's five shifted vectors are loaded once and meet the gradient rows of
     * three (two) kernel rows, held in registers as they roll down. Anything else goes row by row.
     */
    static void correlatePlane(float[] g, int gOff, float[] x, int xOff, int stride, int k, int n, float[] out,
            int outOff) {
        if (k != 5 || stride % LANES != 0 || n % stride != 0) {
            for (int u = 0; u < k; u++) {
                correlateRow(g, gOff, x, xOff + u * stride, k, n, out, outOff + u * k * LANES);
            }
            return;
        }
        int rows = n / stride;
        for (int column = 0; column < stride; column += LANES) {
            correlateThreeKernelRows(g, gOff + column, x, xOff + column, stride, rows, out, outOff);
            correlateTwoKernelRows(g, gOff + column, x, xOff + 3 * stride + column, stride, rows, out,
                    outOff + 15 * LANES);
        }
    }

    /**
     * Kernel rows 0–2 of one column: input row s meets gradient rows s, s − 1 and s − 2 (d0, d1, d2). Input rows
     * past the last gradient row meet zeros. The 15 taps' lanes are read from out first and written back last, in
     * this method: a helper taking vectors would not be inlined (called once, it counts as cold) and would box them.
     */
    private static void correlateThreeKernelRows(float[] g, int gOff, float[] x, int xOff, int stride, int rows,
            float[] out, int outOff) {
        FloatVector zero = FloatVector.zero(species);
        FloatVector c00 = FloatVector.fromArray(species, out, outOff);
        FloatVector c01 = FloatVector.fromArray(species, out, outOff + LANES);
        FloatVector c02 = FloatVector.fromArray(species, out, outOff + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(species, out, outOff + 3 * LANES);
        FloatVector c04 = FloatVector.fromArray(species, out, outOff + 4 * LANES);
        FloatVector c10 = FloatVector.fromArray(species, out, outOff + 5 * LANES);
        FloatVector c11 = FloatVector.fromArray(species, out, outOff + 6 * LANES);
        FloatVector c12 = FloatVector.fromArray(species, out, outOff + 7 * LANES);
        FloatVector c13 = FloatVector.fromArray(species, out, outOff + 8 * LANES);
        FloatVector c14 = FloatVector.fromArray(species, out, outOff + 9 * LANES);
        FloatVector c20 = FloatVector.fromArray(species, out, outOff + 10 * LANES);
        FloatVector c21 = FloatVector.fromArray(species, out, outOff + 11 * LANES);
        FloatVector c22 = FloatVector.fromArray(species, out, outOff + 12 * LANES);
        FloatVector c23 = FloatVector.fromArray(species, out, outOff + 13 * LANES);
        FloatVector c24 = FloatVector.fromArray(species, out, outOff + 14 * LANES);
        FloatVector d1 = zero;
        FloatVector d2 = zero;
        for (int s = 0; s < rows + 2; s++) {
            FloatVector d0 = s < rows ? FloatVector.fromArray(species, g, gOff + s * stride) : zero;
            int xi = xOff + s * stride;
            FloatVector xv = FloatVector.fromArray(species, x, xi);
            c00 = d0.fma(xv, c00);
            c10 = d1.fma(xv, c10);
            c20 = d2.fma(xv, c20);
            xv = FloatVector.fromArray(species, x, xi + 1);
            c01 = d0.fma(xv, c01);
            c11 = d1.fma(xv, c11);
            c21 = d2.fma(xv, c21);
            xv = FloatVector.fromArray(species, x, xi + 2);
            c02 = d0.fma(xv, c02);
            c12 = d1.fma(xv, c12);
            c22 = d2.fma(xv, c22);
            xv = FloatVector.fromArray(species, x, xi + 3);
            c03 = d0.fma(xv, c03);
            c13 = d1.fma(xv, c13);
            c23 = d2.fma(xv, c23);
            xv = FloatVector.fromArray(species, x, xi + 4);
            c04 = d0.fma(xv, c04);
            c14 = d1.fma(xv, c14);
            c24 = d2.fma(xv, c24);
            d2 = d1;
            d1 = d0;
        }
        c00.intoArray(out, outOff);
        c01.intoArray(out, outOff + LANES);
        c02.intoArray(out, outOff + 2 * LANES);
        c03.intoArray(out, outOff + 3 * LANES);
        c04.intoArray(out, outOff + 4 * LANES);
        c10.intoArray(out, outOff + 5 * LANES);
        c11.intoArray(out, outOff + 6 * LANES);
        c12.intoArray(out, outOff + 7 * LANES);
        c13.intoArray(out, outOff + 8 * LANES);
        c14.intoArray(out, outOff + 9 * LANES);
        c20.intoArray(out, outOff + 10 * LANES);
        c21.intoArray(out, outOff + 11 * LANES);
        c22.intoArray(out, outOff + 12 * LANES);
        c23.intoArray(out, outOff + 13 * LANES);
        c24.intoArray(out, outOff + 14 * LANES);
    }

    /** Kernel rows 3–4 of one column (x already starts at input row 3): as {@link #correlateThreeKernelRows}. */
    private static void correlateTwoKernelRows(float[] g, int gOff, float[] x, int xOff, int stride, int rows,
            float[] out, int outOff) {
        FloatVector zero = FloatVector.zero(species);
        FloatVector c00 = FloatVector.fromArray(species, out, outOff);
        FloatVector c01 = FloatVector.fromArray(species, out, outOff + LANES);
        FloatVector c02 = FloatVector.fromArray(species, out, outOff + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(species, out, outOff + 3 * LANES);
        FloatVector c04 = FloatVector.fromArray(species, out, outOff + 4 * LANES);
        FloatVector c10 = FloatVector.fromArray(species, out, outOff + 5 * LANES);
        FloatVector c11 = FloatVector.fromArray(species, out, outOff + 6 * LANES);
        FloatVector c12 = FloatVector.fromArray(species, out, outOff + 7 * LANES);
        FloatVector c13 = FloatVector.fromArray(species, out, outOff + 8 * LANES);
        FloatVector c14 = FloatVector.fromArray(species, out, outOff + 9 * LANES);
        FloatVector d1 = zero;
        for (int s = 0; s < rows + 1; s++) {
            FloatVector d0 = s < rows ? FloatVector.fromArray(species, g, gOff + s * stride) : zero;
            int xi = xOff + s * stride;
            FloatVector xv = FloatVector.fromArray(species, x, xi);
            c00 = d0.fma(xv, c00);
            c10 = d1.fma(xv, c10);
            xv = FloatVector.fromArray(species, x, xi + 1);
            c01 = d0.fma(xv, c01);
            c11 = d1.fma(xv, c11);
            xv = FloatVector.fromArray(species, x, xi + 2);
            c02 = d0.fma(xv, c02);
            c12 = d1.fma(xv, c12);
            xv = FloatVector.fromArray(species, x, xi + 3);
            c03 = d0.fma(xv, c03);
            c13 = d1.fma(xv, c13);
            xv = FloatVector.fromArray(species, x, xi + 4);
            c04 = d0.fma(xv, c04);
            c14 = d1.fma(xv, c14);
            d1 = d0;
        }
        c00.intoArray(out, outOff);
        c01.intoArray(out, outOff + LANES);
        c02.intoArray(out, outOff + 2 * LANES);
        c03.intoArray(out, outOff + 3 * LANES);
        c04.intoArray(out, outOff + 4 * LANES);
        c10.intoArray(out, outOff + 5 * LANES);
        c11.intoArray(out, outOff + 6 * LANES);
        c12.intoArray(out, outOff + 7 * LANES);
        c13.intoArray(out, outOff + 8 * LANES);
        c14.intoArray(out, outOff + 9 * LANES);
    }

    /**
     * The elements past the last full vector: one masked vector per tap, added into its lanes. A method of its
     * own so that {@link #correlateRow} stays small; no vector crosses the call.
     */
    private static void addTail(float[] g, int gOff, float[] x, int xOff, int k, int from, int n, float[] out,
            int outOff) {
        if (from >= n) {
            return;
        }
        VectorMask<Float> m = species.indexInRange(from, n);
        FloatVector gv = FloatVector.fromArray(species, g, gOff + from, m);
        for (int v = 0; v < k; v++) {
            int o = outOff + v * LANES;
            gv.fma(FloatVector.fromArray(species, x, xOff + from + v, m), FloatVector.fromArray(species, out, o))
                    .intoArray(out, o);
        }
    }

    private static void correlateRowPerTap(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out,
            int outOff) {
        int bound = species.loopBound(n);
        for (int v = 0; v < k; v++) {
            FloatVector acc = FloatVector.fromArray(species, out, outOff + v * LANES);
            for (int i = 0; i < bound; i += LANES) {
                acc = FloatVector.fromArray(species, g, gOff + i).fma(FloatVector.fromArray(species, x, xOff + v + i), acc);
            }
            acc.intoArray(out, outOff + v * LANES);
        }
        addTail(g, gOff, x, xOff, k, bound, n, out, outOff);
    }
}
