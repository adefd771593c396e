package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense family of {@link VectorOps}: the fully connected layers' products forward (a transposed matrix times
 * a vector, for one sample or four), backward (a matrix's rows weighted and summed; outer products into the weight
 * gradient), axpy and sums. Outputs are held in registers in blocks so that each weight vector is loaded once for
 * as many outputs, or samples, as fit.
 */
final class DenseKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;
    /** Output vectors {@link #weightedRowSum} holds in registers at a time. */
    private static final int STRIP = 4;

    private DenseKernels() {
    }

    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(species, a);
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i);
            xv.fma(av, yv).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i, m);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i, m);
            xv.fma(av, yv).intoArray(y, yOff + i, m);
        }
    }

    /**
     * Four output vectors at a time in registers (a broadcast of x[i] feeds four fused multiply-adds), then one at a
     * time.
     */
    static void multiplyTransposed(float[] wt, int stride, int n, float[] x, float[] out, int outOff) {
        int o = 0;
        for (; o + 4 * LANES <= stride; o += 4 * LANES) {
            FloatVector y0 = FloatVector.zero(species);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            for (int i = 0; i < n; i++) {
                int wi = i * stride + o;
                FloatVector b = FloatVector.broadcast(species, x[i]);
                y0 = FloatVector.fromArray(species, wt, wi).fma(b, y0);
                y1 = FloatVector.fromArray(species, wt, wi + LANES).fma(b, y1);
                y2 = FloatVector.fromArray(species, wt, wi + 2 * LANES).fma(b, y2);
                y3 = FloatVector.fromArray(species, wt, wi + 3 * LANES).fma(b, y3);
            }
            y0.intoArray(out, outOff + o);
            y1.intoArray(out, outOff + o + LANES);
            y2.intoArray(out, outOff + o + 2 * LANES);
            y3.intoArray(out, outOff + o + 3 * LANES);
        }
        for (; o < stride; o += LANES) {
            FloatVector y0 = FloatVector.zero(species);
            for (int i = 0; i < n; i++) {
                y0 = FloatVector.fromArray(species, wt, i * stride + o).fma(FloatVector.broadcast(species, x[i]), y0);
            }
            y0.intoArray(out, outOff + o);
        }
    }

    /**
     * Four samples by four output vectors in registers, sixteen chains: each row of wt's four vectors is loaded once for
     * the four samples, each broadcast of x feeds four fused multiply-adds; then by two vectors (F6's 96 with 16 lanes are
     * four and two: one at a time, its last two took a third of F6's time), then by one.
     */
    static void multiplyTransposedFour(float[] wt, int stride, int n, float[][] xs, int first, float[] out,
            int outOff) {
        float[] x0 = xs[first];
        float[] x1 = xs[first + 1];
        float[] x2 = xs[first + 2];
        float[] x3 = xs[first + 3];
        int o = 0;
        for (; o + 4 * LANES <= stride; o += 4 * LANES) {
            fourSamplesByFourVectors(wt, stride, n, o, x0, x1, x2, x3, out, outOff + o, out, outOff + stride + o,
                    out, outOff + 2 * stride + o, out, outOff + 3 * stride + o);
        }
        if (o + 2 * LANES <= stride) {
            fourSamplesByTwoVectors(wt, stride, n, o, x0, x1, x2, x3, out, outOff + o, out, outOff + stride + o,
                    out, outOff + 2 * stride + o, out, outOff + 3 * stride + o);
            o += 2 * LANES;
        }
        for (; o < stride; o += LANES) {
            FloatVector y0 = FloatVector.zero(species);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            for (int i = 0; i < n; i++) {
                FloatVector v = FloatVector.fromArray(species, wt, i * stride + o);
                y0 = v.fma(FloatVector.broadcast(species, x0[i]), y0);
                y1 = v.fma(FloatVector.broadcast(species, x1[i]), y1);
                y2 = v.fma(FloatVector.broadcast(species, x2[i]), y2);
                y3 = v.fma(FloatVector.broadcast(species, x3[i]), y3);
            }
            y0.intoArray(out, outOff + o);
            y1.intoArray(out, outOff + stride + o);
            y2.intoArray(out, outOff + 2 * stride + o);
            y3.intoArray(out, outOff + 3 * stride + o);
        }
    }

    /**
     * {@link #fourSamplesByFourVectors} two vectors wide: eight chains, {@code y_s[y_sAt + k·LANES ..] = Σ_i
     * m[i·rowStride + column + k·LANES ..] · x_s[i]} for k in [0, 2).
     */
    private static void fourSamplesByTwoVectors(float[] m, int rowStride, int rows, int column, float[] x0,
            float[] x1, float[] x2, float[] x3, float[] y0, int y0At, float[] y1, int y1At, float[] y2, int y2At,
            float[] y3, int y3At) {
        FloatVector y00 = FloatVector.zero(species);
        FloatVector y01 = y00;
        FloatVector y10 = y00;
        FloatVector y11 = y00;
        FloatVector y20 = y00;
        FloatVector y21 = y00;
        FloatVector y30 = y00;
        FloatVector y31 = y00;
        for (int i = 0; i < rows; i++) {
            int mi = i * rowStride + column;
            FloatVector m0 = FloatVector.fromArray(species, m, mi);
            FloatVector m1 = FloatVector.fromArray(species, m, mi + LANES);
            FloatVector b = FloatVector.broadcast(species, x0[i]);
            y00 = m0.fma(b, y00);
            y01 = m1.fma(b, y01);
            b = FloatVector.broadcast(species, x1[i]);
            y10 = m0.fma(b, y10);
            y11 = m1.fma(b, y11);
            b = FloatVector.broadcast(species, x2[i]);
            y20 = m0.fma(b, y20);
            y21 = m1.fma(b, y21);
            b = FloatVector.broadcast(species, x3[i]);
            y30 = m0.fma(b, y30);
            y31 = m1.fma(b, y31);
        }
        y00.intoArray(y0, y0At);
        y01.intoArray(y0, y0At + LANES);
        y10.intoArray(y1, y1At);
        y11.intoArray(y1, y1At + LANES);
        y20.intoArray(y2, y2At);
        y21.intoArray(y2, y2At + LANES);
        y30.intoArray(y3, y3At);
        y31.intoArray(y3, y3At + LANES);
    }

    /**
     * Four samples by four vectors of a matrix's columns, sixteen chains in registers: for s in [0, 4) and k in
     * [0, 4), {@code y_s[y_sAt + k·LANES ..] = Σ_i m[i·rowStride + column + k·LANES ..] · x_s[i]}, i from 0 in order,
     * from zero. Each row's four vectors are loaded once for the four samples and each broadcast of x feeds four fused
     * multiply-adds. The dense products forward ({@link #multiplyTransposedFour}) and backward ({@link
     * #weightedRowSumFour}) are both this, with the outputs in different places.
     */
    private static void fourSamplesByFourVectors(float[] m, int rowStride, int rows, int column, float[] x0,
            float[] x1, float[] x2, float[] x3, float[] y0, int y0At, float[] y1, int y1At, float[] y2, int y2At,
            float[] y3, int y3At) {
        FloatVector y00 = FloatVector.zero(species);
        FloatVector y01 = y00;
        FloatVector y02 = y00;
        FloatVector y03 = y00;
        FloatVector y10 = y00;
        FloatVector y11 = y00;
        FloatVector y12 = y00;
        FloatVector y13 = y00;
        FloatVector y20 = y00;
        FloatVector y21 = y00;
        FloatVector y22 = y00;
        FloatVector y23 = y00;
        FloatVector y30 = y00;
        FloatVector y31 = y00;
        FloatVector y32 = y00;
        FloatVector y33 = y00;
        for (int i = 0; i < rows; i++) {
            int mi = i * rowStride + column;
            FloatVector m0 = FloatVector.fromArray(species, m, mi);
            FloatVector m1 = FloatVector.fromArray(species, m, mi + LANES);
            FloatVector m2 = FloatVector.fromArray(species, m, mi + 2 * LANES);
            FloatVector m3 = FloatVector.fromArray(species, m, mi + 3 * LANES);
            FloatVector b = FloatVector.broadcast(species, x0[i]);
            y00 = m0.fma(b, y00);
            y01 = m1.fma(b, y01);
            y02 = m2.fma(b, y02);
            y03 = m3.fma(b, y03);
            b = FloatVector.broadcast(species, x1[i]);
            y10 = m0.fma(b, y10);
            y11 = m1.fma(b, y11);
            y12 = m2.fma(b, y12);
            y13 = m3.fma(b, y13);
            b = FloatVector.broadcast(species, x2[i]);
            y20 = m0.fma(b, y20);
            y21 = m1.fma(b, y21);
            y22 = m2.fma(b, y22);
            y23 = m3.fma(b, y23);
            b = FloatVector.broadcast(species, x3[i]);
            y30 = m0.fma(b, y30);
            y31 = m1.fma(b, y31);
            y32 = m2.fma(b, y32);
            y33 = m3.fma(b, y33);
        }
        y00.intoArray(y0, y0At);
        y01.intoArray(y0, y0At + LANES);
        y02.intoArray(y0, y0At + 2 * LANES);
        y03.intoArray(y0, y0At + 3 * LANES);
        y10.intoArray(y1, y1At);
        y11.intoArray(y1, y1At + LANES);
        y12.intoArray(y1, y1At + 2 * LANES);
        y13.intoArray(y1, y1At + 3 * LANES);
        y20.intoArray(y2, y2At);
        y21.intoArray(y2, y2At + LANES);
        y22.intoArray(y2, y2At + 2 * LANES);
        y23.intoArray(y2, y2At + 3 * LANES);
        y30.intoArray(y3, y3At);
        y31.intoArray(y3, y3At + LANES);
        y32.intoArray(y3, y3At + 2 * LANES);
        y33.intoArray(y3, y3At + 3 * LANES);
    }

    /**
     * Four accumulators, four independent chains of additions added pairwise in a fixed order: a bias gradient in
     * lanes sums a whole plane of a group (C1: 784
     * vectors), and one chain would wait on each add's latency.
     */
    static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(species);
        FloatVector acc1 = acc;
        FloatVector acc2 = acc;
        FloatVector acc3 = acc;
        int step = species.length();
        int i = 0;
        for (; i + 4 * step <= n; i += 4 * step) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i));
            acc1 = acc1.add(FloatVector.fromArray(species, x, off + i + step));
            acc2 = acc2.add(FloatVector.fromArray(species, x, off + i + 2 * step));
            acc3 = acc3.add(FloatVector.fromArray(species, x, off + i + 3 * step));
        }
        acc = acc.add(acc1).add(acc2.add(acc3));
        for (int bound = species.loopBound(n); i < bound; i += step) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i));
        }
        if (i < n) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i, species.indexInRange(i, n)));
        }
        return VectorLanes.sumLanes(acc);
    }

    /** Strips of {@value #STRIP} vectors of y held over all rows, then single vectors, the last one masked. */
    static void weightedRowSum(float[] w, int wOff, int rows, int n, float[] a, int aOff, float[] y, int yOff) {
        int j = 0;
        for (; j + STRIP * LANES <= n; j += STRIP * LANES) {
            FloatVector y0 = FloatVector.zero(species);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            for (int i = 0; i < rows; i++) {
                FloatVector ai = FloatVector.broadcast(species, a[aOff + i]);
                int wi = wOff + i * n + j;
                y0 = FloatVector.fromArray(species, w, wi).fma(ai, y0);
                y1 = FloatVector.fromArray(species, w, wi + LANES).fma(ai, y1);
                y2 = FloatVector.fromArray(species, w, wi + 2 * LANES).fma(ai, y2);
                y3 = FloatVector.fromArray(species, w, wi + 3 * LANES).fma(ai, y3);
            }
            y0.intoArray(y, yOff + j);
            y1.intoArray(y, yOff + j + LANES);
            y2.intoArray(y, yOff + j + 2 * LANES);
            y3.intoArray(y, yOff + j + 3 * LANES);
        }
        for (; j < n; j += LANES) {
            VectorMask<Float> m = species.indexInRange(j, n);
            FloatVector acc = FloatVector.zero(species);
            for (int i = 0; i < rows; i++) {
                acc = FloatVector.fromArray(species, w, wOff + i * n + j, m).fma(FloatVector.broadcast(species, a[aOff + i]), acc);
            }
            acc.intoArray(y, yOff + j, m);
        }
    }

    /**
     * Four samples side by side, four vectors wide, then two: each weight vector loaded feeds four fused multiply-adds
     * (eight chains, enough to keep both FMA pipes busy) where {@link #weightedRowSum} gets four from four loads. Every
     * lane's chain is the one it has alone: i from 0 in order, from zero, so each sample gets the bits it gets alone.
     */
    static void weightedRowSumFour(float[] w, int rows, int n, float[][] as, float[][] ys, int first) {
        float[] a0 = as[first];
        float[] a1 = as[first + 1];
        float[] a2 = as[first + 2];
        float[] a3 = as[first + 3];
        int j = 0;
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            fourSamplesByFourVectors(w, n, rows, j, a0, a1, a2, a3, ys[first], j, ys[first + 1], j, ys[first + 2], j,
                    ys[first + 3], j);
        }
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            fourSamplesByTwoVectors(w, n, rows, j, a0, a1, a2, a3, ys[first], j, ys[first + 1], j, ys[first + 2], j,
                    ys[first + 3], j);
        }
        for (; j < n; j += LANES) {
            VectorMask<Float> m = species.indexInRange(j, n);
            FloatVector p0 = FloatVector.zero(species);
            FloatVector p1 = p0;
            FloatVector p2 = p0;
            FloatVector p3 = p0;
            for (int i = 0; i < rows; i++) {
                FloatVector u = FloatVector.fromArray(species, w, i * n + j, m);
                p0 = u.fma(FloatVector.broadcast(species, a0[i]), p0);
                p1 = u.fma(FloatVector.broadcast(species, a1[i]), p1);
                p2 = u.fma(FloatVector.broadcast(species, a2[i]), p2);
                p3 = u.fma(FloatVector.broadcast(species, a3[i]), p3);
            }
            p0.intoArray(ys[first], j, m);
            p1.intoArray(ys[first + 1], j, m);
            p2.intoArray(ys[first + 2], j, m);
            p3.intoArray(ys[first + 3], j, m);
        }
    }

    /**
     * Tiles of g held in registers over all samples, so that g is read and written once per call instead of once per
     * sample: eight rows two vectors wide where they fit (each sample's eight broadcasts of a and two loads of x feed
     * sixteen fused multiply-adds), the rest four rows one vector wide (four broadcasts and a load for four). Both the
     * broadcasts and the loads of x (32 samples of C5's x are 51 KB, beyond L1) bound this loop: tiles of two rows
     * four vectors wide were slower, and of eight rows one vector wide no faster.
     */
    static void addOuterProducts(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n, float[] g, int gOff) {
        int tall = rows - rows % 8;
        int wide = n - n % (2 * LANES);
        for (int i = 0; i < tall; i += 8) {
            for (int j = 0; j < wide; j += 2 * LANES) {
                addOuterProducts8x2(a, aOff + i, x, xOff + j, samples, rows, n, g, gOff + i * n + j);
            }
        }
        addOuterProductsNarrow(a, aOff, x, xOff, samples, rows, n, g, gOff, 0, tall, wide);
        addOuterProductsNarrow(a, aOff, x, xOff, samples, rows, n, g, gOff, tall, rows, 0);
    }

    /** Rows [from, to) of g, columns [column, n): four rows one vector wide at a time, then row by row. */
    private static void addOuterProductsNarrow(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n,
            float[] g, int gOff, int from, int to, int column) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int j = column;
            for (; j + LANES <= n; j += LANES) {
                addOuterProducts4(a, aOff + i, x, xOff + j, samples, rows, n, g, gOff + i * n + j);
            }
            if (j < n) {
                addOuterProducts4Masked(a, aOff + i, x, xOff + j, samples, rows, n, g, gOff + i * n + j, j);
            }
        }
        for (; i < to; i++) {
            for (int j = column; j < n; j += LANES) {
                VectorMask<Float> m = species.indexInRange(j, n);
                int gi = gOff + i * n + j;
                FloatVector acc = FloatVector.fromArray(species, g, gi, m);
                for (int s = 0; s < samples; s++) {
                    acc = FloatVector.fromArray(species, x, xOff + s * n + j, m).fma(FloatVector.broadcast(species, a[aOff + s * rows + i]), acc);
                }
                acc.intoArray(g, gi, m);
            }
        }
    }

    /** Eight rows of g from gAt, two whole vectors wide; a from row aAt, x from column xAt. */
    private static void addOuterProducts8x2(float[] a, int aAt, float[] x, int xAt, int samples, int rows, int n,
            float[] g, int gAt) {
        FloatVector g0a = FloatVector.fromArray(species, g, gAt);
        FloatVector g0b = FloatVector.fromArray(species, g, gAt + LANES);
        FloatVector g1a = FloatVector.fromArray(species, g, gAt + n);
        FloatVector g1b = FloatVector.fromArray(species, g, gAt + n + LANES);
        FloatVector g2a = FloatVector.fromArray(species, g, gAt + 2 * n);
        FloatVector g2b = FloatVector.fromArray(species, g, gAt + 2 * n + LANES);
        FloatVector g3a = FloatVector.fromArray(species, g, gAt + 3 * n);
        FloatVector g3b = FloatVector.fromArray(species, g, gAt + 3 * n + LANES);
        FloatVector g4a = FloatVector.fromArray(species, g, gAt + 4 * n);
        FloatVector g4b = FloatVector.fromArray(species, g, gAt + 4 * n + LANES);
        FloatVector g5a = FloatVector.fromArray(species, g, gAt + 5 * n);
        FloatVector g5b = FloatVector.fromArray(species, g, gAt + 5 * n + LANES);
        FloatVector g6a = FloatVector.fromArray(species, g, gAt + 6 * n);
        FloatVector g6b = FloatVector.fromArray(species, g, gAt + 6 * n + LANES);
        FloatVector g7a = FloatVector.fromArray(species, g, gAt + 7 * n);
        FloatVector g7b = FloatVector.fromArray(species, g, gAt + 7 * n + LANES);
        for (int s = 0; s < samples; s++) {
            int xi = xAt + s * n;
            int ai = aAt + s * rows;
            FloatVector xa = FloatVector.fromArray(species, x, xi);
            FloatVector xb = FloatVector.fromArray(species, x, xi + LANES);
            FloatVector a0 = FloatVector.broadcast(species, a[ai]);
            g0a = xa.fma(a0, g0a);
            g0b = xb.fma(a0, g0b);
            FloatVector a1 = FloatVector.broadcast(species, a[ai + 1]);
            g1a = xa.fma(a1, g1a);
            g1b = xb.fma(a1, g1b);
            FloatVector a2 = FloatVector.broadcast(species, a[ai + 2]);
            g2a = xa.fma(a2, g2a);
            g2b = xb.fma(a2, g2b);
            FloatVector a3 = FloatVector.broadcast(species, a[ai + 3]);
            g3a = xa.fma(a3, g3a);
            g3b = xb.fma(a3, g3b);
            FloatVector a4 = FloatVector.broadcast(species, a[ai + 4]);
            g4a = xa.fma(a4, g4a);
            g4b = xb.fma(a4, g4b);
            FloatVector a5 = FloatVector.broadcast(species, a[ai + 5]);
            g5a = xa.fma(a5, g5a);
            g5b = xb.fma(a5, g5b);
            FloatVector a6 = FloatVector.broadcast(species, a[ai + 6]);
            g6a = xa.fma(a6, g6a);
            g6b = xb.fma(a6, g6b);
            FloatVector a7 = FloatVector.broadcast(species, a[ai + 7]);
            g7a = xa.fma(a7, g7a);
            g7b = xb.fma(a7, g7b);
        }
        g0a.intoArray(g, gAt);
        g0b.intoArray(g, gAt + LANES);
        g1a.intoArray(g, gAt + n);
        g1b.intoArray(g, gAt + n + LANES);
        g2a.intoArray(g, gAt + 2 * n);
        g2b.intoArray(g, gAt + 2 * n + LANES);
        g3a.intoArray(g, gAt + 3 * n);
        g3b.intoArray(g, gAt + 3 * n + LANES);
        g4a.intoArray(g, gAt + 4 * n);
        g4b.intoArray(g, gAt + 4 * n + LANES);
        g5a.intoArray(g, gAt + 5 * n);
        g5b.intoArray(g, gAt + 5 * n + LANES);
        g6a.intoArray(g, gAt + 6 * n);
        g6b.intoArray(g, gAt + 6 * n + LANES);
        g7a.intoArray(g, gAt + 7 * n);
        g7b.intoArray(g, gAt + 7 * n + LANES);
    }

    /**
     * Four rows of g from gAt, one whole vector wide; a from row aAt, x from column xAt. Unmasked: with the masked
     * version for every column, some forks spent 30 % of a training step here (async-profiler), others 7 %.
     */
    private static void addOuterProducts4(float[] a, int aAt, float[] x, int xAt, int samples, int rows, int n,
            float[] g, int gAt) {
        FloatVector g0 = FloatVector.fromArray(species, g, gAt);
        FloatVector g1 = FloatVector.fromArray(species, g, gAt + n);
        FloatVector g2 = FloatVector.fromArray(species, g, gAt + 2 * n);
        FloatVector g3 = FloatVector.fromArray(species, g, gAt + 3 * n);
        for (int s = 0; s < samples; s++) {
            FloatVector xv = FloatVector.fromArray(species, x, xAt + s * n);
            int ai = aAt + s * rows;
            g0 = xv.fma(FloatVector.broadcast(species, a[ai]), g0);
            g1 = xv.fma(FloatVector.broadcast(species, a[ai + 1]), g1);
            g2 = xv.fma(FloatVector.broadcast(species, a[ai + 2]), g2);
            g3 = xv.fma(FloatVector.broadcast(species, a[ai + 3]), g3);
        }
        g0.intoArray(g, gAt);
        g1.intoArray(g, gAt + n);
        g2.intoArray(g, gAt + 2 * n);
        g3.intoArray(g, gAt + 3 * n);
    }

    /** {@link #addOuterProducts4} for the last, partial vector of the columns (column j, masked to n). */
    private static void addOuterProducts4Masked(float[] a, int aAt, float[] x, int xAt, int samples, int rows, int n,
            float[] g, int gAt, int j) {
        VectorMask<Float> m = species.indexInRange(j, n);
        FloatVector g0 = FloatVector.fromArray(species, g, gAt, m);
        FloatVector g1 = FloatVector.fromArray(species, g, gAt + n, m);
        FloatVector g2 = FloatVector.fromArray(species, g, gAt + 2 * n, m);
        FloatVector g3 = FloatVector.fromArray(species, g, gAt + 3 * n, m);
        for (int s = 0; s < samples; s++) {
            FloatVector xv = FloatVector.fromArray(species, x, xAt + s * n, m);
            int ai = aAt + s * rows;
            g0 = xv.fma(FloatVector.broadcast(species, a[ai]), g0);
            g1 = xv.fma(FloatVector.broadcast(species, a[ai + 1]), g1);
            g2 = xv.fma(FloatVector.broadcast(species, a[ai + 2]), g2);
            g3 = xv.fma(FloatVector.broadcast(species, a[ai + 3]), g3);
        }
        g0.intoArray(g, gAt, m);
        g1.intoArray(g, gAt + n, m);
        g2.intoArray(g, gAt + 2 * n, m);
        g3.intoArray(g, gAt + 3 * n, m);
    }
}
