package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatOps} with the Vector API: full vectors with fused multiply-add, then one masked vector for
 * the tail (LeNet's rows are 10 to 28 floats: a scalar tail would be most of the work). Only operations
 * that give the same bits compiled or interpreted (lane-wise IEEE arithmetic, fixed-order lane sums), so
 * results are bit-identical run to run whatever the JIT has compiled so far.
 *
 * <p>The species is a {@code static final} constant, chosen once when the class loads: the preferred one,
 * or a narrower one given by {@code -Dlenet.vector.bits=128|256} (how the tests run the narrower paths, as
 * Lucene does). It must be a constant: with the species in an instance field C2 cannot compile the vector
 * operations to vector instructions, and every vector is boxed (measured: C1 forward 40× slower).
 */
final class VectorOps implements FloatOps {
    static final String BITS_PROPERTY = "lenet.vector.bits";
    private static final VectorSpecies<Float> species = chooseSpecies();
    static final VectorOps INSTANCE = new VectorOps();
    private static final int LANES = species.length();

    private VectorOps() {
    }

    private static VectorSpecies<Float> chooseSpecies() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        VectorSpecies<Float> forced = VectorSpecies.of(float.class,
                jdk.incubator.vector.VectorShape.forBitSize(Integer.parseInt(bits.strip())));
        if (forced.length() > 16 || forced.length() < 4) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + ": sumLanes handles 4 to 16 float lanes (128 to 512 bits)");
        }
        if (forced.vectorBitSize() > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + " is wider than this CPU's "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors");
        }
        return forced;
    }

    /**
     * The sum of the lanes in a fixed order, a tree: the upper half added lane-wise to the lower (512 → 256 → 128
     * bits' worth), then lanes 2–3 onto 0–1, then lane 1 onto lane 0. {@code reduceLanes(ADD)} leaves the order
     * unspecified, and it differs between compiled and interpreted code: results would change with the JIT's
     * timing. Each step is one {@code rearrange} by a constant shuffle and a lane-wise add, and the result is lane
     * 0: taking halves with {@code reinterpretShape} instead (part 1 goes through {@code slice}) and reading lanes
     * 1–3 made this 11 % of a training step (profiled).
     *
     * <p>Written as helpers of under 35 bytecodes each (C2's MaxInlineSize): those are inlined wherever they are
     * called, however cold the call site looks in the profile. A 76-byte version was sometimes left out of line in
     * {@link #sum}, and its vector argument boxed: 96 bytes per call, 1.5 KB per image in C3's backward, in some
     * JMH runs and not others.
     */
    private static float sumLanes(FloatVector v) {
        return plus(plus(foldFour(foldEight(v)), FROM_2_ON), FROM_1_ON).lane(0);
    }

    /** The upper eight lanes added onto the lower eight (16-lane species only). */
    private static FloatVector foldEight(FloatVector v) {
        return LANES == 16 ? plus(v, FROM_8_ON) : v;
    }

    /** Lanes 4–7 added onto lanes 0–3 (species of 8 lanes or more). */
    private static FloatVector foldFour(FloatVector v) {
        return LANES >= 8 ? plus(v, FROM_4_ON) : v;
    }

    /** {@code v} plus its own lanes moved by the shuffle. */
    private static FloatVector plus(FloatVector v, VectorShuffle<Float> move) {
        return v.add(v.rearrange(move));
    }

    // lane i takes lane i + n (wrapping: only the low lanes are used)
    private static final VectorShuffle<Float> FROM_8_ON = VectorShuffle.fromOp(species, i -> (i + 8) % LANES);
    private static final VectorShuffle<Float> FROM_4_ON = VectorShuffle.fromOp(species, i -> (i + 4) % LANES);
    private static final VectorShuffle<Float> FROM_2_ON = VectorShuffle.fromOp(species, i -> (i + 2) % LANES);
    private static final VectorShuffle<Float> FROM_1_ON = VectorShuffle.fromOp(species, i -> (i + 1) % LANES);

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
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
    @Override
    public void multiplyTransposed(float[] wt, int stride, int n, float[] x, float[] out, int outOff) {
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
    @Override
    public void multiplyTransposedFour(float[] wt, int stride, int n, float[][] xs, int first, float[] out,
            int outOff) {
        float[] x0 = xs[first];
        float[] x1 = xs[first + 1];
        float[] x2 = xs[first + 2];
        float[] x3 = xs[first + 3];
        int o = 0;
        for (; o + 4 * LANES <= stride; o += 4 * LANES) {
            multiplyTransposedFourByFour(wt, stride, n, x0, x1, x2, x3, o, out, outOff);
        }
        if (o + 2 * LANES <= stride) {
            multiplyTransposedFourByTwo(wt, stride, n, x0, x1, x2, x3, o, out, outOff);
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

    /** Output vectors o and o + 1 of four samples. */
    private static void multiplyTransposedFourByTwo(float[] wt, int stride, int n, float[] x0, float[] x1,
            float[] x2, float[] x3, int o, float[] out, int outOff) {
        FloatVector y00 = FloatVector.zero(species);
        FloatVector y01 = y00;
        FloatVector y10 = y00;
        FloatVector y11 = y00;
        FloatVector y20 = y00;
        FloatVector y21 = y00;
        FloatVector y30 = y00;
        FloatVector y31 = y00;
        for (int i = 0; i < n; i++) {
            int wi = i * stride + o;
            FloatVector w0 = FloatVector.fromArray(species, wt, wi);
            FloatVector w1 = FloatVector.fromArray(species, wt, wi + LANES);
            FloatVector b = FloatVector.broadcast(species, x0[i]);
            y00 = w0.fma(b, y00);
            y01 = w1.fma(b, y01);
            b = FloatVector.broadcast(species, x1[i]);
            y10 = w0.fma(b, y10);
            y11 = w1.fma(b, y11);
            b = FloatVector.broadcast(species, x2[i]);
            y20 = w0.fma(b, y20);
            y21 = w1.fma(b, y21);
            b = FloatVector.broadcast(species, x3[i]);
            y30 = w0.fma(b, y30);
            y31 = w1.fma(b, y31);
        }
        y00.intoArray(out, outOff + o);
        y01.intoArray(out, outOff + o + LANES);
        y10.intoArray(out, outOff + stride + o);
        y11.intoArray(out, outOff + stride + o + LANES);
        y20.intoArray(out, outOff + 2 * stride + o);
        y21.intoArray(out, outOff + 2 * stride + o + LANES);
        y30.intoArray(out, outOff + 3 * stride + o);
        y31.intoArray(out, outOff + 3 * stride + o + LANES);
    }

    /** Output vectors o to o + 3 of four samples. */
    private static void multiplyTransposedFourByFour(float[] wt, int stride, int n, float[] x0, float[] x1,
            float[] x2, float[] x3, int o, float[] out, int outOff) {
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
        for (int i = 0; i < n; i++) {
            int wi = i * stride + o;
            FloatVector w0 = FloatVector.fromArray(species, wt, wi);
            FloatVector w1 = FloatVector.fromArray(species, wt, wi + LANES);
            FloatVector w2 = FloatVector.fromArray(species, wt, wi + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(species, wt, wi + 3 * LANES);
            FloatVector b = FloatVector.broadcast(species, x0[i]);
            y00 = w0.fma(b, y00);
            y01 = w1.fma(b, y01);
            y02 = w2.fma(b, y02);
            y03 = w3.fma(b, y03);
            b = FloatVector.broadcast(species, x1[i]);
            y10 = w0.fma(b, y10);
            y11 = w1.fma(b, y11);
            y12 = w2.fma(b, y12);
            y13 = w3.fma(b, y13);
            b = FloatVector.broadcast(species, x2[i]);
            y20 = w0.fma(b, y20);
            y21 = w1.fma(b, y21);
            y22 = w2.fma(b, y22);
            y23 = w3.fma(b, y23);
            b = FloatVector.broadcast(species, x3[i]);
            y30 = w0.fma(b, y30);
            y31 = w1.fma(b, y31);
            y32 = w2.fma(b, y32);
            y33 = w3.fma(b, y33);
        }
        y00.intoArray(out, outOff + o);
        y01.intoArray(out, outOff + o + LANES);
        y02.intoArray(out, outOff + o + 2 * LANES);
        y03.intoArray(out, outOff + o + 3 * LANES);
        y10.intoArray(out, outOff + stride + o);
        y11.intoArray(out, outOff + stride + o + LANES);
        y12.intoArray(out, outOff + stride + o + 2 * LANES);
        y13.intoArray(out, outOff + stride + o + 3 * LANES);
        y20.intoArray(out, outOff + 2 * stride + o);
        y21.intoArray(out, outOff + 2 * stride + o + LANES);
        y22.intoArray(out, outOff + 2 * stride + o + 2 * LANES);
        y23.intoArray(out, outOff + 2 * stride + o + 3 * LANES);
        y30.intoArray(out, outOff + 3 * stride + o);
        y31.intoArray(out, outOff + 3 * stride + o + LANES);
        y32.intoArray(out, outOff + 3 * stride + o + 2 * LANES);
        y33.intoArray(out, outOff + 3 * stride + o + 3 * LANES);
    }

    /**
     * Four accumulators, four independent chains of additions added pairwise in a fixed order: a bias gradient in
     * lanes sums a whole plane of a group (C1: 784
     * vectors), and one chain would wait on each add's latency.
     */
    @Override
    public float sum(float[] x, int off, int n) {
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
        return sumLanes(acc);
    }

    @Override
    public void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n) {
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
    @Override
    public void convolvePlane(float[] w, int wOff, int k, float[] x, int xOff, int stride, float[] y, int yOff, int n) {
        convolveBand(w, wOff, k, x, xOff, stride, 0, Integer.MAX_VALUE, y, yOff, n);
    }

    /** The band is used on the column-by-column path; elsewhere the zeros are multiplied. */
    @Override
    public void convolveBand(float[] w, int wOff, int k, float[] x, int xOff, int stride, int firstRow, int endRow,
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

    /** With 16 lanes, 16 positions at a time by {@link #transpose16}; otherwise, and for the last positions, one float at a time. */
    @Override
    public void interleave(float[][] samples, int first, int from, int n, float[] out, int outOff) {
        int p = 0;
        if (LANES == 16) {
            for (; p + 16 <= n; p += 16) {
                transpose16(samples, first, from + p, out, outOff + p * 16, true);
            }
        }
        for (; p < n; p++) {
            for (int s = 0; s < LANES; s++) {
                out[outOff + p * LANES + s] = samples[first + s][from + p];
            }
        }
    }

    @Override
    public void deinterleave(float[] in, int inOff, int n, float[][] samples, int first, int to) {
        int p = 0;
        if (LANES == 16) {
            for (; p + 16 <= n; p += 16) {
                transpose16(samples, first, to + p, in, inOff + p * 16, false);
            }
        }
        for (; p < n; p++) {
            for (int s = 0; s < LANES; s++) {
                samples[first + s][to + p] = in[inOff + p * LANES + s];
            }
        }
    }

    // lane 2i takes lane i of the first vector, lane 2i + 1 lane i of the second (ZIP_LOW), or lanes 8 + i (ZIP_HIGH)
    private static final float[] ZIP_LOW = zipIndexes(0);
    private static final float[] ZIP_HIGH = zipIndexes(LANES / 2);

    private static float[] zipIndexes(int from) {
        float[] indexes = new float[LANES];
        for (int i = 0; i < LANES / 2; i++) {
            indexes[2 * i] = from + i;
            indexes[2 * i + 1] = LANES + from + i;
        }
        return indexes;
    }

    /**
     * A 16×16 block between 16 samples' rows (16 floats each from {@code at}) and 16 interleaved positions at
     * {@code flat[flatOff ..]}, either way: a transpose is its own inverse. Four rounds of zipping row i with row i + 8
     * into rows 2i and 2i + 1 (two-vector permutes) transpose it; the vectors stay in this method (see
     * {@link #sumLanes} on vectors crossing calls). About 0.15 ns per float here, 5× a loop of scalar copies.
     */
    private static void transpose16(float[][] samples, int first, int at, float[] flat, int flatOff, boolean intoFlat) {
        FloatVector r0 = row(samples[first + 0], at, flat, flatOff + 0, intoFlat);
        FloatVector r1 = row(samples[first + 1], at, flat, flatOff + 16, intoFlat);
        FloatVector r2 = row(samples[first + 2], at, flat, flatOff + 32, intoFlat);
        FloatVector r3 = row(samples[first + 3], at, flat, flatOff + 48, intoFlat);
        FloatVector r4 = row(samples[first + 4], at, flat, flatOff + 64, intoFlat);
        FloatVector r5 = row(samples[first + 5], at, flat, flatOff + 80, intoFlat);
        FloatVector r6 = row(samples[first + 6], at, flat, flatOff + 96, intoFlat);
        FloatVector r7 = row(samples[first + 7], at, flat, flatOff + 112, intoFlat);
        FloatVector r8 = row(samples[first + 8], at, flat, flatOff + 128, intoFlat);
        FloatVector r9 = row(samples[first + 9], at, flat, flatOff + 144, intoFlat);
        FloatVector r10 = row(samples[first + 10], at, flat, flatOff + 160, intoFlat);
        FloatVector r11 = row(samples[first + 11], at, flat, flatOff + 176, intoFlat);
        FloatVector r12 = row(samples[first + 12], at, flat, flatOff + 192, intoFlat);
        FloatVector r13 = row(samples[first + 13], at, flat, flatOff + 208, intoFlat);
        FloatVector r14 = row(samples[first + 14], at, flat, flatOff + 224, intoFlat);
        FloatVector r15 = row(samples[first + 15], at, flat, flatOff + 240, intoFlat);
        FloatVector lo = FloatVector.fromArray(species, ZIP_LOW, 0);
        FloatVector hi = FloatVector.fromArray(species, ZIP_HIGH, 0);
        for (int round = 0; round < 4; round++) {
            FloatVector n0 = lo.selectFrom(r0, r8);
            FloatVector n1 = hi.selectFrom(r0, r8);
            FloatVector n2 = lo.selectFrom(r1, r9);
            FloatVector n3 = hi.selectFrom(r1, r9);
            FloatVector n4 = lo.selectFrom(r2, r10);
            FloatVector n5 = hi.selectFrom(r2, r10);
            FloatVector n6 = lo.selectFrom(r3, r11);
            FloatVector n7 = hi.selectFrom(r3, r11);
            FloatVector n8 = lo.selectFrom(r4, r12);
            FloatVector n9 = hi.selectFrom(r4, r12);
            FloatVector n10 = lo.selectFrom(r5, r13);
            FloatVector n11 = hi.selectFrom(r5, r13);
            FloatVector n12 = lo.selectFrom(r6, r14);
            FloatVector n13 = hi.selectFrom(r6, r14);
            FloatVector n14 = lo.selectFrom(r7, r15);
            FloatVector n15 = hi.selectFrom(r7, r15);
            r0 = n0;
            r1 = n1;
            r2 = n2;
            r3 = n3;
            r4 = n4;
            r5 = n5;
            r6 = n6;
            r7 = n7;
            r8 = n8;
            r9 = n9;
            r10 = n10;
            r11 = n11;
            r12 = n12;
            r13 = n13;
            r14 = n14;
            r15 = n15;
        }
        store(r0, samples[first + 0], at, flat, flatOff + 0, intoFlat);
        store(r1, samples[first + 1], at, flat, flatOff + 16, intoFlat);
        store(r2, samples[first + 2], at, flat, flatOff + 32, intoFlat);
        store(r3, samples[first + 3], at, flat, flatOff + 48, intoFlat);
        store(r4, samples[first + 4], at, flat, flatOff + 64, intoFlat);
        store(r5, samples[first + 5], at, flat, flatOff + 80, intoFlat);
        store(r6, samples[first + 6], at, flat, flatOff + 96, intoFlat);
        store(r7, samples[first + 7], at, flat, flatOff + 112, intoFlat);
        store(r8, samples[first + 8], at, flat, flatOff + 128, intoFlat);
        store(r9, samples[first + 9], at, flat, flatOff + 144, intoFlat);
        store(r10, samples[first + 10], at, flat, flatOff + 160, intoFlat);
        store(r11, samples[first + 11], at, flat, flatOff + 176, intoFlat);
        store(r12, samples[first + 12], at, flat, flatOff + 192, intoFlat);
        store(r13, samples[first + 13], at, flat, flatOff + 208, intoFlat);
        store(r14, samples[first + 14], at, flat, flatOff + 224, intoFlat);
        store(r15, samples[first + 15], at, flat, flatOff + 240, intoFlat);
    }

    /**
     * A row of the block: a sample's 16 floats, or an interleaved position. One load from whichever array: a vector
     * chosen between two loads would meet at a phi, and C2 boxed it there (2 MB per C3 batch of 64). Under 35
     * bytecodes: always inlined.
     */
    private static FloatVector row(float[] sample, int at, float[] flat, int flatAt, boolean fromSample) {
        return FloatVector.fromArray(species, fromSample ? sample : flat, fromSample ? at : flatAt);
    }

    /** A transposed row: an interleaved position, or a sample's 16 floats; one store, as {@link #row} loads. */
    private static void store(FloatVector v, float[] sample, int at, float[] flat, int flatAt, boolean intoFlat) {
        v.intoArray(intoFlat ? flat : sample, intoFlat ? flatAt : at);
    }

    /**
     * The five outputs stay in registers over every map and kernel row; each of the nine input positions a kernel
     * row covers is loaded once and meets the outputs it belongs to (9 loads and 5 broadcasts for 25 fused
     * multiply-adds). Output t takes tap v from input position t + v, in the order of v.
     */
    @Override
    public void convolveFiveInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        FloatVector y0 = FloatVector.broadcast(species, bias);
        FloatVector y1 = y0;
        FloatVector y2 = y0;
        FloatVector y3 = y0;
        FloatVector y4 = y0;
        for (int m = 0; m < kernels.length; m++) {
            for (int u = firstRow; u < endRow; u++) {
                int wi = kernels[m] + u * 5;
                int xi = planes[m] + xOff + u * rowStride;
                FloatVector w0 = FloatVector.broadcast(species, w[wi]);
                FloatVector w1 = FloatVector.broadcast(species, w[wi + 1]);
                FloatVector w2 = FloatVector.broadcast(species, w[wi + 2]);
                FloatVector w3 = FloatVector.broadcast(species, w[wi + 3]);
                FloatVector w4 = FloatVector.broadcast(species, w[wi + 4]);
                FloatVector x0 = FloatVector.fromArray(species, x, xi);
                y0 = x0.fma(w0, y0);
                FloatVector x1 = FloatVector.fromArray(species, x, xi + LANES);
                y0 = x1.fma(w1, y0);
                y1 = x1.fma(w0, y1);
                FloatVector x2 = FloatVector.fromArray(species, x, xi + 2 * LANES);
                y0 = x2.fma(w2, y0);
                y1 = x2.fma(w1, y1);
                y2 = x2.fma(w0, y2);
                FloatVector x3 = FloatVector.fromArray(species, x, xi + 3 * LANES);
                y0 = x3.fma(w3, y0);
                y1 = x3.fma(w2, y1);
                y2 = x3.fma(w1, y2);
                y3 = x3.fma(w0, y3);
                FloatVector x4 = FloatVector.fromArray(species, x, xi + 4 * LANES);
                y0 = x4.fma(w4, y0);
                y1 = x4.fma(w3, y1);
                y2 = x4.fma(w2, y2);
                y3 = x4.fma(w1, y3);
                y4 = x4.fma(w0, y4);
                FloatVector x5 = FloatVector.fromArray(species, x, xi + 5 * LANES);
                y1 = x5.fma(w4, y1);
                y2 = x5.fma(w3, y2);
                y3 = x5.fma(w2, y3);
                y4 = x5.fma(w1, y4);
                FloatVector x6 = FloatVector.fromArray(species, x, xi + 6 * LANES);
                y2 = x6.fma(w4, y2);
                y3 = x6.fma(w3, y3);
                y4 = x6.fma(w2, y4);
                FloatVector x7 = FloatVector.fromArray(species, x, xi + 7 * LANES);
                y3 = x7.fma(w4, y3);
                y4 = x7.fma(w3, y4);
                y4 = FloatVector.fromArray(species, x, xi + 8 * LANES).fma(w4, y4);
            }
        }
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + LANES);
        y2.intoArray(y, yOff + 2 * LANES);
        y3.intoArray(y, yOff + 3 * LANES);
        y4.intoArray(y, yOff + 4 * LANES);
    }

    /**
     * {@link #convolveFiveInLanes} for ten consecutive outputs: ten chains of fused multiply-adds in registers (five
     * leave one of the two FMA pipes idle half the time), each of the 14 input positions a kernel row covers loaded
     * once for the outputs it meets (14 loads and 5 broadcasts for 50 FMAs). Output t still takes tap v from input
     * position t + v in the order of m, u, v: each lane gets the bits of two calls of five.
     */
    @Override
    public void convolveTenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        FloatVector y0 = FloatVector.broadcast(species, bias);
        FloatVector y1 = y0;
        FloatVector y2 = y0;
        FloatVector y3 = y0;
        FloatVector y4 = y0;
        FloatVector y5 = y0;
        FloatVector y6 = y0;
        FloatVector y7 = y0;
        FloatVector y8 = y0;
        FloatVector y9 = y0;
        for (int m = 0; m < kernels.length; m++) {
            for (int u = firstRow; u < endRow; u++) {
                int wi = kernels[m] + u * 5;
                int xi = planes[m] + xOff + u * rowStride;
                FloatVector w0 = FloatVector.broadcast(species, w[wi]);
                FloatVector w1 = FloatVector.broadcast(species, w[wi + 1]);
                FloatVector w2 = FloatVector.broadcast(species, w[wi + 2]);
                FloatVector w3 = FloatVector.broadcast(species, w[wi + 3]);
                FloatVector w4 = FloatVector.broadcast(species, w[wi + 4]);
                FloatVector xp = FloatVector.fromArray(species, x, xi);
                y0 = xp.fma(w0, y0);
                xp = FloatVector.fromArray(species, x, xi + LANES);
                y0 = xp.fma(w1, y0);
                y1 = xp.fma(w0, y1);
                xp = FloatVector.fromArray(species, x, xi + 2 * LANES);
                y0 = xp.fma(w2, y0);
                y1 = xp.fma(w1, y1);
                y2 = xp.fma(w0, y2);
                xp = FloatVector.fromArray(species, x, xi + 3 * LANES);
                y0 = xp.fma(w3, y0);
                y1 = xp.fma(w2, y1);
                y2 = xp.fma(w1, y2);
                y3 = xp.fma(w0, y3);
                xp = FloatVector.fromArray(species, x, xi + 4 * LANES);
                y0 = xp.fma(w4, y0);
                y1 = xp.fma(w3, y1);
                y2 = xp.fma(w2, y2);
                y3 = xp.fma(w1, y3);
                y4 = xp.fma(w0, y4);
                xp = FloatVector.fromArray(species, x, xi + 5 * LANES);
                y1 = xp.fma(w4, y1);
                y2 = xp.fma(w3, y2);
                y3 = xp.fma(w2, y3);
                y4 = xp.fma(w1, y4);
                y5 = xp.fma(w0, y5);
                xp = FloatVector.fromArray(species, x, xi + 6 * LANES);
                y2 = xp.fma(w4, y2);
                y3 = xp.fma(w3, y3);
                y4 = xp.fma(w2, y4);
                y5 = xp.fma(w1, y5);
                y6 = xp.fma(w0, y6);
                xp = FloatVector.fromArray(species, x, xi + 7 * LANES);
                y3 = xp.fma(w4, y3);
                y4 = xp.fma(w3, y4);
                y5 = xp.fma(w2, y5);
                y6 = xp.fma(w1, y6);
                y7 = xp.fma(w0, y7);
                xp = FloatVector.fromArray(species, x, xi + 8 * LANES);
                y4 = xp.fma(w4, y4);
                y5 = xp.fma(w3, y5);
                y6 = xp.fma(w2, y6);
                y7 = xp.fma(w1, y7);
                y8 = xp.fma(w0, y8);
                xp = FloatVector.fromArray(species, x, xi + 9 * LANES);
                y5 = xp.fma(w4, y5);
                y6 = xp.fma(w3, y6);
                y7 = xp.fma(w2, y7);
                y8 = xp.fma(w1, y8);
                y9 = xp.fma(w0, y9);
                xp = FloatVector.fromArray(species, x, xi + 10 * LANES);
                y6 = xp.fma(w4, y6);
                y7 = xp.fma(w3, y7);
                y8 = xp.fma(w2, y8);
                y9 = xp.fma(w1, y9);
                xp = FloatVector.fromArray(species, x, xi + 11 * LANES);
                y7 = xp.fma(w4, y7);
                y8 = xp.fma(w3, y8);
                y9 = xp.fma(w2, y9);
                xp = FloatVector.fromArray(species, x, xi + 12 * LANES);
                y8 = xp.fma(w4, y8);
                y9 = xp.fma(w3, y9);
                xp = FloatVector.fromArray(species, x, xi + 13 * LANES);
                y9 = xp.fma(w4, y9);
            }
        }
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + LANES);
        y2.intoArray(y, yOff + 2 * LANES);
        y3.intoArray(y, yOff + 3 * LANES);
        y4.intoArray(y, yOff + 4 * LANES);
        y5.intoArray(y, yOff + 5 * LANES);
        y6.intoArray(y, yOff + 6 * LANES);
        y7.intoArray(y, yOff + 7 * LANES);
        y8.intoArray(y, yOff + 8 * LANES);
        y9.intoArray(y, yOff + 9 * LANES);
    }

    /**
     * {@link #convolveFiveInLanes} for fourteen consecutive outputs (C1's rows of 28 are two): fourteen chains, each of
     * the 18 input positions a kernel row covers loaded once (18 loads and 5 broadcasts for 70 FMAs). Where a row
     * went as ten, ten, five and five, 30 outputs computed for 28, the fives' five chains waited on their latency.
     */
    @Override
    public void convolveFourteenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        FloatVector y0 = FloatVector.broadcast(species, bias);
        FloatVector y1 = y0;
        FloatVector y2 = y0;
        FloatVector y3 = y0;
        FloatVector y4 = y0;
        FloatVector y5 = y0;
        FloatVector y6 = y0;
        FloatVector y7 = y0;
        FloatVector y8 = y0;
        FloatVector y9 = y0;
        FloatVector y10 = y0;
        FloatVector y11 = y0;
        FloatVector y12 = y0;
        FloatVector y13 = y0;
        for (int m = 0; m < kernels.length; m++) {
            for (int u = firstRow; u < endRow; u++) {
                int wi = kernels[m] + u * 5;
                int xi = planes[m] + xOff + u * rowStride;
                FloatVector w0 = FloatVector.broadcast(species, w[wi]);
                FloatVector w1 = FloatVector.broadcast(species, w[wi + 1]);
                FloatVector w2 = FloatVector.broadcast(species, w[wi + 2]);
                FloatVector w3 = FloatVector.broadcast(species, w[wi + 3]);
                FloatVector w4 = FloatVector.broadcast(species, w[wi + 4]);
                FloatVector xp = FloatVector.fromArray(species, x, xi);
                y0 = xp.fma(w0, y0);
                xp = FloatVector.fromArray(species, x, xi + LANES);
                y0 = xp.fma(w1, y0);
                y1 = xp.fma(w0, y1);
                xp = FloatVector.fromArray(species, x, xi + 2 * LANES);
                y0 = xp.fma(w2, y0);
                y1 = xp.fma(w1, y1);
                y2 = xp.fma(w0, y2);
                xp = FloatVector.fromArray(species, x, xi + 3 * LANES);
                y0 = xp.fma(w3, y0);
                y1 = xp.fma(w2, y1);
                y2 = xp.fma(w1, y2);
                y3 = xp.fma(w0, y3);
                xp = FloatVector.fromArray(species, x, xi + 4 * LANES);
                y0 = xp.fma(w4, y0);
                y1 = xp.fma(w3, y1);
                y2 = xp.fma(w2, y2);
                y3 = xp.fma(w1, y3);
                y4 = xp.fma(w0, y4);
                xp = FloatVector.fromArray(species, x, xi + 5 * LANES);
                y1 = xp.fma(w4, y1);
                y2 = xp.fma(w3, y2);
                y3 = xp.fma(w2, y3);
                y4 = xp.fma(w1, y4);
                y5 = xp.fma(w0, y5);
                xp = FloatVector.fromArray(species, x, xi + 6 * LANES);
                y2 = xp.fma(w4, y2);
                y3 = xp.fma(w3, y3);
                y4 = xp.fma(w2, y4);
                y5 = xp.fma(w1, y5);
                y6 = xp.fma(w0, y6);
                xp = FloatVector.fromArray(species, x, xi + 7 * LANES);
                y3 = xp.fma(w4, y3);
                y4 = xp.fma(w3, y4);
                y5 = xp.fma(w2, y5);
                y6 = xp.fma(w1, y6);
                y7 = xp.fma(w0, y7);
                xp = FloatVector.fromArray(species, x, xi + 8 * LANES);
                y4 = xp.fma(w4, y4);
                y5 = xp.fma(w3, y5);
                y6 = xp.fma(w2, y6);
                y7 = xp.fma(w1, y7);
                y8 = xp.fma(w0, y8);
                xp = FloatVector.fromArray(species, x, xi + 9 * LANES);
                y5 = xp.fma(w4, y5);
                y6 = xp.fma(w3, y6);
                y7 = xp.fma(w2, y7);
                y8 = xp.fma(w1, y8);
                y9 = xp.fma(w0, y9);
                xp = FloatVector.fromArray(species, x, xi + 10 * LANES);
                y6 = xp.fma(w4, y6);
                y7 = xp.fma(w3, y7);
                y8 = xp.fma(w2, y8);
                y9 = xp.fma(w1, y9);
                y10 = xp.fma(w0, y10);
                xp = FloatVector.fromArray(species, x, xi + 11 * LANES);
                y7 = xp.fma(w4, y7);
                y8 = xp.fma(w3, y8);
                y9 = xp.fma(w2, y9);
                y10 = xp.fma(w1, y10);
                y11 = xp.fma(w0, y11);
                xp = FloatVector.fromArray(species, x, xi + 12 * LANES);
                y8 = xp.fma(w4, y8);
                y9 = xp.fma(w3, y9);
                y10 = xp.fma(w2, y10);
                y11 = xp.fma(w1, y11);
                y12 = xp.fma(w0, y12);
                xp = FloatVector.fromArray(species, x, xi + 13 * LANES);
                y9 = xp.fma(w4, y9);
                y10 = xp.fma(w3, y10);
                y11 = xp.fma(w2, y11);
                y12 = xp.fma(w1, y12);
                y13 = xp.fma(w0, y13);
                xp = FloatVector.fromArray(species, x, xi + 14 * LANES);
                y10 = xp.fma(w4, y10);
                y11 = xp.fma(w3, y11);
                y12 = xp.fma(w2, y12);
                y13 = xp.fma(w1, y13);
                xp = FloatVector.fromArray(species, x, xi + 15 * LANES);
                y11 = xp.fma(w4, y11);
                y12 = xp.fma(w3, y12);
                y13 = xp.fma(w2, y13);
                xp = FloatVector.fromArray(species, x, xi + 16 * LANES);
                y12 = xp.fma(w4, y12);
                y13 = xp.fma(w3, y13);
                xp = FloatVector.fromArray(species, x, xi + 17 * LANES);
                y13 = xp.fma(w4, y13);
            }
        }
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + LANES);
        y2.intoArray(y, yOff + 2 * LANES);
        y3.intoArray(y, yOff + 3 * LANES);
        y4.intoArray(y, yOff + 4 * LANES);
        y5.intoArray(y, yOff + 5 * LANES);
        y6.intoArray(y, yOff + 6 * LANES);
        y7.intoArray(y, yOff + 7 * LANES);
        y8.intoArray(y, yOff + 8 * LANES);
        y9.intoArray(y, yOff + 9 * LANES);
        y10.intoArray(y, yOff + 10 * LANES);
        y11.intoArray(y, yOff + 11 * LANES);
        y12.intoArray(y, yOff + 12 * LANES);
        y13.intoArray(y, yOff + 13 * LANES);
    }

    /**
     * Fourteen chains of fused multiply-adds in registers, the four zeros on each side of the rows never loaded: each
     * of a kernel row's ten positions is loaded once and meets the five outputs it belongs to (10 loads and 5
     * broadcasts for 50 FMAs; {@link #convolveTenInLanes} and a five took 23 loads for 75). Position k meets output t
     * through tap v = k + 4 − t; visiting k in order visits each output's taps in order of v.
     */
    @Override
    public void fullConvolveTenInLanes(float[] w, int[] kernels, float[] d, int[] planes, int dOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff) {
        FloatVector y0 = FloatVector.zero(species);
        FloatVector y1 = y0;
        FloatVector y2 = y0;
        FloatVector y3 = y0;
        FloatVector y4 = y0;
        FloatVector y5 = y0;
        FloatVector y6 = y0;
        FloatVector y7 = y0;
        FloatVector y8 = y0;
        FloatVector y9 = y0;
        FloatVector y10 = y0;
        FloatVector y11 = y0;
        FloatVector y12 = y0;
        FloatVector y13 = y0;
        for (int m = 0; m < kernels.length; m++) {
            for (int u = firstRow; u < endRow; u++) {
                int wi = kernels[m] + u * 5;
                int di = planes[m] + dOff + u * rowStride;
                FloatVector w0 = FloatVector.broadcast(species, w[wi]);
                FloatVector w1 = FloatVector.broadcast(species, w[wi + 1]);
                FloatVector w2 = FloatVector.broadcast(species, w[wi + 2]);
                FloatVector w3 = FloatVector.broadcast(species, w[wi + 3]);
                FloatVector w4 = FloatVector.broadcast(species, w[wi + 4]);
                FloatVector dk = FloatVector.fromArray(species, d, di);
                y0 = dk.fma(w4, y0);
                y1 = dk.fma(w3, y1);
                y2 = dk.fma(w2, y2);
                y3 = dk.fma(w1, y3);
                y4 = dk.fma(w0, y4);
                dk = FloatVector.fromArray(species, d, di + LANES);
                y1 = dk.fma(w4, y1);
                y2 = dk.fma(w3, y2);
                y3 = dk.fma(w2, y3);
                y4 = dk.fma(w1, y4);
                y5 = dk.fma(w0, y5);
                dk = FloatVector.fromArray(species, d, di + 2 * LANES);
                y2 = dk.fma(w4, y2);
                y3 = dk.fma(w3, y3);
                y4 = dk.fma(w2, y4);
                y5 = dk.fma(w1, y5);
                y6 = dk.fma(w0, y6);
                dk = FloatVector.fromArray(species, d, di + 3 * LANES);
                y3 = dk.fma(w4, y3);
                y4 = dk.fma(w3, y4);
                y5 = dk.fma(w2, y5);
                y6 = dk.fma(w1, y6);
                y7 = dk.fma(w0, y7);
                dk = FloatVector.fromArray(species, d, di + 4 * LANES);
                y4 = dk.fma(w4, y4);
                y5 = dk.fma(w3, y5);
                y6 = dk.fma(w2, y6);
                y7 = dk.fma(w1, y7);
                y8 = dk.fma(w0, y8);
                dk = FloatVector.fromArray(species, d, di + 5 * LANES);
                y5 = dk.fma(w4, y5);
                y6 = dk.fma(w3, y6);
                y7 = dk.fma(w2, y7);
                y8 = dk.fma(w1, y8);
                y9 = dk.fma(w0, y9);
                dk = FloatVector.fromArray(species, d, di + 6 * LANES);
                y6 = dk.fma(w4, y6);
                y7 = dk.fma(w3, y7);
                y8 = dk.fma(w2, y8);
                y9 = dk.fma(w1, y9);
                y10 = dk.fma(w0, y10);
                dk = FloatVector.fromArray(species, d, di + 7 * LANES);
                y7 = dk.fma(w4, y7);
                y8 = dk.fma(w3, y8);
                y9 = dk.fma(w2, y9);
                y10 = dk.fma(w1, y10);
                y11 = dk.fma(w0, y11);
                dk = FloatVector.fromArray(species, d, di + 8 * LANES);
                y8 = dk.fma(w4, y8);
                y9 = dk.fma(w3, y9);
                y10 = dk.fma(w2, y10);
                y11 = dk.fma(w1, y11);
                y12 = dk.fma(w0, y12);
                dk = FloatVector.fromArray(species, d, di + 9 * LANES);
                y9 = dk.fma(w4, y9);
                y10 = dk.fma(w3, y10);
                y11 = dk.fma(w2, y11);
                y12 = dk.fma(w1, y12);
                y13 = dk.fma(w0, y13);
            }
        }
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + LANES);
        y2.intoArray(y, yOff + 2 * LANES);
        y3.intoArray(y, yOff + 3 * LANES);
        y4.intoArray(y, yOff + 4 * LANES);
        y5.intoArray(y, yOff + 5 * LANES);
        y6.intoArray(y, yOff + 6 * LANES);
        y7.intoArray(y, yOff + 7 * LANES);
        y8.intoArray(y, yOff + 8 * LANES);
        y9.intoArray(y, yOff + 9 * LANES);
        y10.intoArray(y, yOff + 10 * LANES);
        y11.intoArray(y, yOff + 11 * LANES);
        y12.intoArray(y, yOff + 12 * LANES);
        y13.intoArray(y, yOff + 13 * LANES);
    }

    /**
     * Kernel rows two at a time (0 and 1, 2 and 3), then row 4 alone: each pair's ten taps' lanes stay in registers
     * over every gradient row, five gradient positions loaded once for both rows. Ten chains of fused multiply-adds
     * keep both FMA pipes busy where five, each five multiply-adds long per block, waited on their own latency (a
     * training step 3 % faster; rows 0 to 2 together and then 3 and 4 were no faster again). Each
     * tap still adds d[j + t]·x[j + t + v] in the order of i, then t.
     */
    @Override
    public void correlateInLanes(float[] d, int dOff, int dRowStride, int rows, int n, float[] x, int xOff,
            int xRowStride, float[] out, int outOff) {
        correlateKernelRowPair(d, dOff, dRowStride, rows, n, x, xOff, xRowStride, out, outOff);
        correlateKernelRowPair(d, dOff, dRowStride, rows, n, x, xOff + 2 * xRowStride, xRowStride, out,
                outOff + 10 * LANES);
        correlateKernelRow(d, dOff, dRowStride, rows, n, x, xOff + 4 * xRowStride, xRowStride, out, outOff + 20 * LANES);
    }

    /** Kernel rows 0 and 1 counted from xOff: their taps at out[outOff ..] and 5·G floats on. */
    private static void correlateKernelRowPair(float[] d, int dOff, int dRowStride, int rows, int n, float[] x,
            int xOff, int xRowStride, float[] out, int outOff) {
        FloatVector c0 = FloatVector.fromArray(species, out, outOff);
        FloatVector c1 = FloatVector.fromArray(species, out, outOff + LANES);
        FloatVector c2 = FloatVector.fromArray(species, out, outOff + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(species, out, outOff + 3 * LANES);
        FloatVector c4 = FloatVector.fromArray(species, out, outOff + 4 * LANES);
        FloatVector e0 = FloatVector.fromArray(species, out, outOff + 5 * LANES);
        FloatVector e1 = FloatVector.fromArray(species, out, outOff + 6 * LANES);
        FloatVector e2 = FloatVector.fromArray(species, out, outOff + 7 * LANES);
        FloatVector e3 = FloatVector.fromArray(species, out, outOff + 8 * LANES);
        FloatVector e4 = FloatVector.fromArray(species, out, outOff + 9 * LANES);
        for (int i = 0; i < rows; i++) {
            int di = dOff + i * dRowStride;
            int xi = xOff + i * xRowStride;
            int j = 0;
            for (; j + 5 <= n; j += 5) {
                int dj = di + j * LANES;
                int xj = xi + j * LANES;
                int yj = xj + xRowStride;
                FloatVector d0 = FloatVector.fromArray(species, d, dj);
                FloatVector d1 = FloatVector.fromArray(species, d, dj + LANES);
                FloatVector d2 = FloatVector.fromArray(species, d, dj + 2 * LANES);
                FloatVector d3 = FloatVector.fromArray(species, d, dj + 3 * LANES);
                FloatVector d4 = FloatVector.fromArray(species, d, dj + 4 * LANES);
                FloatVector xp = FloatVector.fromArray(species, x, xj);
                c0 = d0.fma(xp, c0);
                xp = FloatVector.fromArray(species, x, xj + LANES);
                c0 = d1.fma(xp, c0);
                c1 = d0.fma(xp, c1);
                xp = FloatVector.fromArray(species, x, xj + 2 * LANES);
                c0 = d2.fma(xp, c0);
                c1 = d1.fma(xp, c1);
                c2 = d0.fma(xp, c2);
                xp = FloatVector.fromArray(species, x, xj + 3 * LANES);
                c0 = d3.fma(xp, c0);
                c1 = d2.fma(xp, c1);
                c2 = d1.fma(xp, c2);
                c3 = d0.fma(xp, c3);
                xp = FloatVector.fromArray(species, x, xj + 4 * LANES);
                c0 = d4.fma(xp, c0);
                c1 = d3.fma(xp, c1);
                c2 = d2.fma(xp, c2);
                c3 = d1.fma(xp, c3);
                c4 = d0.fma(xp, c4);
                xp = FloatVector.fromArray(species, x, xj + 5 * LANES);
                c1 = d4.fma(xp, c1);
                c2 = d3.fma(xp, c2);
                c3 = d2.fma(xp, c3);
                c4 = d1.fma(xp, c4);
                xp = FloatVector.fromArray(species, x, xj + 6 * LANES);
                c2 = d4.fma(xp, c2);
                c3 = d3.fma(xp, c3);
                c4 = d2.fma(xp, c4);
                xp = FloatVector.fromArray(species, x, xj + 7 * LANES);
                c3 = d4.fma(xp, c3);
                c4 = d3.fma(xp, c4);
                xp = FloatVector.fromArray(species, x, xj + 8 * LANES);
                c4 = d4.fma(xp, c4);
                xp = FloatVector.fromArray(species, x, yj);
                e0 = d0.fma(xp, e0);
                xp = FloatVector.fromArray(species, x, yj + LANES);
                e0 = d1.fma(xp, e0);
                e1 = d0.fma(xp, e1);
                xp = FloatVector.fromArray(species, x, yj + 2 * LANES);
                e0 = d2.fma(xp, e0);
                e1 = d1.fma(xp, e1);
                e2 = d0.fma(xp, e2);
                xp = FloatVector.fromArray(species, x, yj + 3 * LANES);
                e0 = d3.fma(xp, e0);
                e1 = d2.fma(xp, e1);
                e2 = d1.fma(xp, e2);
                e3 = d0.fma(xp, e3);
                xp = FloatVector.fromArray(species, x, yj + 4 * LANES);
                e0 = d4.fma(xp, e0);
                e1 = d3.fma(xp, e1);
                e2 = d2.fma(xp, e2);
                e3 = d1.fma(xp, e3);
                e4 = d0.fma(xp, e4);
                xp = FloatVector.fromArray(species, x, yj + 5 * LANES);
                e1 = d4.fma(xp, e1);
                e2 = d3.fma(xp, e2);
                e3 = d2.fma(xp, e3);
                e4 = d1.fma(xp, e4);
                xp = FloatVector.fromArray(species, x, yj + 6 * LANES);
                e2 = d4.fma(xp, e2);
                e3 = d3.fma(xp, e3);
                e4 = d2.fma(xp, e4);
                xp = FloatVector.fromArray(species, x, yj + 7 * LANES);
                e3 = d4.fma(xp, e3);
                e4 = d3.fma(xp, e4);
                xp = FloatVector.fromArray(species, x, yj + 8 * LANES);
                e4 = d4.fma(xp, e4);
            }
            for (; j < n; j++) {
                FloatVector dj = FloatVector.fromArray(species, d, di + j * LANES);
                int xj = xi + j * LANES;
                int yj = xj + xRowStride;
                c0 = dj.fma(FloatVector.fromArray(species, x, xj), c0);
                c1 = dj.fma(FloatVector.fromArray(species, x, xj + LANES), c1);
                c2 = dj.fma(FloatVector.fromArray(species, x, xj + 2 * LANES), c2);
                c3 = dj.fma(FloatVector.fromArray(species, x, xj + 3 * LANES), c3);
                c4 = dj.fma(FloatVector.fromArray(species, x, xj + 4 * LANES), c4);
                e0 = dj.fma(FloatVector.fromArray(species, x, yj), e0);
                e1 = dj.fma(FloatVector.fromArray(species, x, yj + LANES), e1);
                e2 = dj.fma(FloatVector.fromArray(species, x, yj + 2 * LANES), e2);
                e3 = dj.fma(FloatVector.fromArray(species, x, yj + 3 * LANES), e3);
                e4 = dj.fma(FloatVector.fromArray(species, x, yj + 4 * LANES), e4);
            }
        }
        c0.intoArray(out, outOff);
        c1.intoArray(out, outOff + LANES);
        c2.intoArray(out, outOff + 2 * LANES);
        c3.intoArray(out, outOff + 3 * LANES);
        c4.intoArray(out, outOff + 4 * LANES);
        e0.intoArray(out, outOff + 5 * LANES);
        e1.intoArray(out, outOff + 6 * LANES);
        e2.intoArray(out, outOff + 7 * LANES);
        e3.intoArray(out, outOff + 8 * LANES);
        e4.intoArray(out, outOff + 9 * LANES);
    }

    /** Kernel row 0 counted from xOff alone: its five taps at out[outOff ..]. */
    private static void correlateKernelRow(float[] d, int dOff, int dRowStride, int rows, int n, float[] x, int xOff,
            int xRowStride, float[] out, int outOff) {
        FloatVector c0 = FloatVector.fromArray(species, out, outOff);
        FloatVector c1 = FloatVector.fromArray(species, out, outOff + LANES);
        FloatVector c2 = FloatVector.fromArray(species, out, outOff + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(species, out, outOff + 3 * LANES);
        FloatVector c4 = FloatVector.fromArray(species, out, outOff + 4 * LANES);
        for (int i = 0; i < rows; i++) {
            int di = dOff + i * dRowStride;
            int xi = xOff + i * xRowStride;
            int j = 0;
            for (; j + 5 <= n; j += 5) {
                int dj = di + j * LANES;
                int xj = xi + j * LANES;
                FloatVector d0 = FloatVector.fromArray(species, d, dj);
                FloatVector d1 = FloatVector.fromArray(species, d, dj + LANES);
                FloatVector d2 = FloatVector.fromArray(species, d, dj + 2 * LANES);
                FloatVector d3 = FloatVector.fromArray(species, d, dj + 3 * LANES);
                FloatVector d4 = FloatVector.fromArray(species, d, dj + 4 * LANES);
                FloatVector x0 = FloatVector.fromArray(species, x, xj);
                c0 = d0.fma(x0, c0);
                FloatVector x1 = FloatVector.fromArray(species, x, xj + LANES);
                c0 = d1.fma(x1, c0);
                c1 = d0.fma(x1, c1);
                FloatVector x2 = FloatVector.fromArray(species, x, xj + 2 * LANES);
                c0 = d2.fma(x2, c0);
                c1 = d1.fma(x2, c1);
                c2 = d0.fma(x2, c2);
                FloatVector x3 = FloatVector.fromArray(species, x, xj + 3 * LANES);
                c0 = d3.fma(x3, c0);
                c1 = d2.fma(x3, c1);
                c2 = d1.fma(x3, c2);
                c3 = d0.fma(x3, c3);
                FloatVector x4 = FloatVector.fromArray(species, x, xj + 4 * LANES);
                c0 = d4.fma(x4, c0);
                c1 = d3.fma(x4, c1);
                c2 = d2.fma(x4, c2);
                c3 = d1.fma(x4, c3);
                c4 = d0.fma(x4, c4);
                FloatVector x5 = FloatVector.fromArray(species, x, xj + 5 * LANES);
                c1 = d4.fma(x5, c1);
                c2 = d3.fma(x5, c2);
                c3 = d2.fma(x5, c3);
                c4 = d1.fma(x5, c4);
                FloatVector x6 = FloatVector.fromArray(species, x, xj + 6 * LANES);
                c2 = d4.fma(x6, c2);
                c3 = d3.fma(x6, c3);
                c4 = d2.fma(x6, c4);
                FloatVector x7 = FloatVector.fromArray(species, x, xj + 7 * LANES);
                c3 = d4.fma(x7, c3);
                c4 = d3.fma(x7, c4);
                c4 = d4.fma(FloatVector.fromArray(species, x, xj + 8 * LANES), c4);
            }
            for (; j < n; j++) {
                int xj = xi + j * LANES;
                FloatVector dj = FloatVector.fromArray(species, d, di + j * LANES);
                c0 = dj.fma(FloatVector.fromArray(species, x, xj), c0);
                c1 = dj.fma(FloatVector.fromArray(species, x, xj + LANES), c1);
                c2 = dj.fma(FloatVector.fromArray(species, x, xj + 2 * LANES), c2);
                c3 = dj.fma(FloatVector.fromArray(species, x, xj + 3 * LANES), c3);
                c4 = dj.fma(FloatVector.fromArray(species, x, xj + 4 * LANES), c4);
            }
        }
        c0.intoArray(out, outOff);
        c1.intoArray(out, outOff + LANES);
        c2.intoArray(out, outOff + 2 * LANES);
        c3.intoArray(out, outOff + 3 * LANES);
        c4.intoArray(out, outOff + 4 * LANES);
    }

    /**
     * Kept small on purpose (under C2's 325-byte inlining limit, and small enough for C1): a larger version
     * with the masked tail and the other-width path inside failed C1 ("out of virtual registers"), stayed in
     * unoptimised code in some JVMs, boxed every vector and made a training step 10× slower.
     */
    @Override
    public void correlateRow(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out, int outOff) {
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
    @Override
    public void correlatePlane(float[] g, int gOff, float[] x, int xOff, int stride, int k, int n, float[] out,
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

    /** Strips of {@value #STRIP} vectors of y held over all rows, then single vectors, the last one masked. */
    @Override
    public void weightedRowSum(float[] w, int wOff, int rows, int n, float[] a, int aOff, float[] y, int yOff) {
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
     * Four samples side by side, two vectors wide: each pair of weight vectors loaded feeds eight fused multiply-adds
     * (eight chains, enough to keep both FMA pipes busy) where {@link #weightedRowSum} gets four from four loads. Every
     * lane's chain is the one it has alone: i from 0 in order, from zero, so each sample gets the bits it gets alone.
     */
    @Override
    public void weightedRowSumFour(float[] w, int rows, int n, float[][] as, float[][] ys, int first) {
        float[] a0 = as[first];
        float[] a1 = as[first + 1];
        float[] a2 = as[first + 2];
        float[] a3 = as[first + 3];
        int j = 0;
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            weightedRowSumFourByFour(w, rows, n, a0, a1, a2, a3, ys, first, j);
        }
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            FloatVector p0 = FloatVector.zero(species);
            FloatVector p1 = p0;
            FloatVector p2 = p0;
            FloatVector p3 = p0;
            FloatVector q0 = p0;
            FloatVector q1 = p0;
            FloatVector q2 = p0;
            FloatVector q3 = p0;
            for (int i = 0; i < rows; i++) {
                int wi = i * n + j;
                FloatVector u = FloatVector.fromArray(species, w, wi);
                FloatVector v = FloatVector.fromArray(species, w, wi + LANES);
                FloatVector b = FloatVector.broadcast(species, a0[i]);
                p0 = u.fma(b, p0);
                q0 = v.fma(b, q0);
                b = FloatVector.broadcast(species, a1[i]);
                p1 = u.fma(b, p1);
                q1 = v.fma(b, q1);
                b = FloatVector.broadcast(species, a2[i]);
                p2 = u.fma(b, p2);
                q2 = v.fma(b, q2);
                b = FloatVector.broadcast(species, a3[i]);
                p3 = u.fma(b, p3);
                q3 = v.fma(b, q3);
            }
            p0.intoArray(ys[first], j);
            q0.intoArray(ys[first], j + LANES);
            p1.intoArray(ys[first + 1], j);
            q1.intoArray(ys[first + 1], j + LANES);
            p2.intoArray(ys[first + 2], j);
            q2.intoArray(ys[first + 2], j + LANES);
            p3.intoArray(ys[first + 3], j);
            q3.intoArray(ys[first + 3], j + LANES);
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
     * {@link #weightedRowSumFour}'s four samples four vectors wide from column j: sixteen chains, each row's four weight
     * vectors loaded once and each of its four broadcasts feeding four fused multiply-adds (two wide, a broadcast fed
     * two). The same chains, so the same bits.
     */
    private static void weightedRowSumFourByFour(float[] w, int rows, int n, float[] a0, float[] a1, float[] a2,
            float[] a3, float[][] ys, int first, int j) {
        FloatVector p00 = FloatVector.zero(species);
        FloatVector p01 = p00;
        FloatVector p02 = p00;
        FloatVector p03 = p00;
        FloatVector p10 = p00;
        FloatVector p11 = p00;
        FloatVector p12 = p00;
        FloatVector p13 = p00;
        FloatVector p20 = p00;
        FloatVector p21 = p00;
        FloatVector p22 = p00;
        FloatVector p23 = p00;
        FloatVector p30 = p00;
        FloatVector p31 = p00;
        FloatVector p32 = p00;
        FloatVector p33 = p00;
        for (int i = 0; i < rows; i++) {
            int wi = i * n + j;
            FloatVector w0 = FloatVector.fromArray(species, w, wi);
            FloatVector w1 = FloatVector.fromArray(species, w, wi + LANES);
            FloatVector w2 = FloatVector.fromArray(species, w, wi + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(species, w, wi + 3 * LANES);
            FloatVector b = FloatVector.broadcast(species, a0[i]);
            p00 = w0.fma(b, p00);
            p01 = w1.fma(b, p01);
            p02 = w2.fma(b, p02);
            p03 = w3.fma(b, p03);
            b = FloatVector.broadcast(species, a1[i]);
            p10 = w0.fma(b, p10);
            p11 = w1.fma(b, p11);
            p12 = w2.fma(b, p12);
            p13 = w3.fma(b, p13);
            b = FloatVector.broadcast(species, a2[i]);
            p20 = w0.fma(b, p20);
            p21 = w1.fma(b, p21);
            p22 = w2.fma(b, p22);
            p23 = w3.fma(b, p23);
            b = FloatVector.broadcast(species, a3[i]);
            p30 = w0.fma(b, p30);
            p31 = w1.fma(b, p31);
            p32 = w2.fma(b, p32);
            p33 = w3.fma(b, p33);
        }
        p00.intoArray(ys[first], j);
        p01.intoArray(ys[first], j + LANES);
        p02.intoArray(ys[first], j + 2 * LANES);
        p03.intoArray(ys[first], j + 3 * LANES);
        p10.intoArray(ys[first + 1], j);
        p11.intoArray(ys[first + 1], j + LANES);
        p12.intoArray(ys[first + 1], j + 2 * LANES);
        p13.intoArray(ys[first + 1], j + 3 * LANES);
        p20.intoArray(ys[first + 2], j);
        p21.intoArray(ys[first + 2], j + LANES);
        p22.intoArray(ys[first + 2], j + 2 * LANES);
        p23.intoArray(ys[first + 2], j + 3 * LANES);
        p30.intoArray(ys[first + 3], j);
        p31.intoArray(ys[first + 3], j + LANES);
        p32.intoArray(ys[first + 3], j + 2 * LANES);
        p33.intoArray(ys[first + 3], j + 3 * LANES);
    }

    /**
     * Tiles of g held in registers over all samples, so that g is read and written once per call instead of once per
     * sample: eight rows two vectors wide where they fit (each sample's eight broadcasts of a and two loads of x feed
     * sixteen fused multiply-adds), the rest four rows one vector wide (four broadcasts and a load for four). Both the
     * broadcasts and the loads of x (32 samples of C5's x are 51 KB, beyond L1) bound this loop: tiles of two rows
     * four vectors wide were slower, and of eight rows one vector wide no faster.
     */
    @Override
    public void addOuterProducts(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n, float[] g, int gOff) {
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

    /**
     * A vector of each input row gives half a vector of outputs: the two rows added lane-wise, each lane added to its
     * right neighbour (even lanes now hold the window sums), the even lanes compressed to the front.
     */
    @Override
    public void subsampleRow(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j += LANES / 2) {
            int outputs = Math.min(LANES / 2, n - j);
            VectorMask<Float> columns = species.indexInRange(0, 2 * outputs);
            FloatVector sums = windowSums(x, a + 2 * j, b + 2 * j, columns);
            sums.mul(scale).add(shift).intoArray(y, yOff + j, species.indexInRange(0, outputs));
        }
    }

    /** Every lane a sample: a window's four inputs are four whole vectors, and no lane is idle. */
    @Override
    public void subsampleRowInLanes(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            int even = 2 * j * LANES; // the window's left column; its right one is a position (LANES floats) on
            FloatVector left = FloatVector.fromArray(species, x, a + even)
                    .add(FloatVector.fromArray(species, x, b + even));
            FloatVector right = FloatVector.fromArray(species, x, a + even + LANES)
                    .add(FloatVector.fromArray(species, x, b + even + LANES));
            left.add(right).mul(scale).add(shift).intoArray(y, yOff + j * LANES);
        }
    }

    /** One vector of the gradient of scale for the whole map: a single lane sum at the end. */
    @Override
    public float subsampleBackward(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
            float[] dx) {
        FloatVector scaleGradient = FloatVector.zero(species);
        for (int i = 0; i < rows; i++) {
            int a = xOff + 2 * i * width;
            int b = a + width;
            int gRow = gOff + i * n;
            for (int j = 0; j < n; j += LANES / 2) {
                int outputs = Math.min(LANES / 2, n - j);
                VectorMask<Float> columns = species.indexInRange(0, 2 * outputs);
                FloatVector gv = FloatVector.fromArray(species, g, gRow + j, species.indexInRange(0, outputs));
                scaleGradient = windowSums(x, a + 2 * j, b + 2 * j, columns).fma(gv, scaleGradient);
                FloatVector toEach = gv.mul(scale).rearrange(EACH_TWICE); // lanes 2t and 2t + 1 take lane t
                toEach.intoArray(dx, a + 2 * j, columns);
                toEach.intoArray(dx, b + 2 * j, columns);
            }
        }
        return sumLanes(scaleGradient);
    }

    /**
     * Every lane a sample: a window's four inputs and four input gradients are whole vectors. Through a tanh, each
     * input gradient is also multiplied by the tanh's derivative at its input: slope − drop·x² ({@link
     * RationalTanh#derivative}), written out (see {@link #scaledTanhBackward}).
     */
    @Override
    public float subsampleBackwardInLanes(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n,
            float scale, RationalTanh squashedInput, float[] dx) {
        boolean throughTanh = squashedInput != null;
        FloatVector slope = FloatVector.broadcast(species, throughTanh ? squashedInput.slope() : 0f);
        FloatVector minusDrop = FloatVector.broadcast(species, throughTanh ? -squashedInput.drop() : 0f);
        FloatVector scaleGradient = FloatVector.zero(species);
        for (int i = 0; i < rows; i++) {
            int a = xOff + 2 * i * width * LANES;
            int b = a + width * LANES;
            int gRow = gOff + i * n * LANES;
            for (int j = 0; j < n; j++) {
                int even = 2 * j * LANES; // the window's left column; its right one is a position on
                FloatVector gv = FloatVector.fromArray(species, g, gRow + j * LANES);
                FloatVector xa = FloatVector.fromArray(species, x, a + even);
                FloatVector xb = FloatVector.fromArray(species, x, b + even);
                FloatVector xa1 = FloatVector.fromArray(species, x, a + even + LANES);
                FloatVector xb1 = FloatVector.fromArray(species, x, b + even + LANES);
                scaleGradient = xa.add(xb).add(xa1.add(xb1)).fma(gv, scaleGradient);
                FloatVector toEach = gv.mul(scale);
                if (throughTanh) {
                    toEach.mul(xa.mul(xa).fma(minusDrop, slope)).intoArray(dx, a + even);
                    toEach.mul(xa1.mul(xa1).fma(minusDrop, slope)).intoArray(dx, a + even + LANES);
                    toEach.mul(xb.mul(xb).fma(minusDrop, slope)).intoArray(dx, b + even);
                    toEach.mul(xb1.mul(xb1).fma(minusDrop, slope)).intoArray(dx, b + even + LANES);
                } else {
                    toEach.intoArray(dx, a + even);
                    toEach.intoArray(dx, a + even + LANES);
                    toEach.intoArray(dx, b + even);
                    toEach.intoArray(dx, b + even + LANES);
                }
            }
        }
        return sumLanes(scaleGradient);
    }

    /**
     * The window sums of the columns under the mask, in the low half of the lanes (zeros above). Two helpers under
     * 35 bytecodes, so that both are inlined wherever called (see {@link #sumLanes}): no vector is boxed.
     */
    private static FloatVector windowSums(float[] x, int a, int b, VectorMask<Float> columns) {
        return pairsToFront(rowSums(x, a, b, columns));
    }

    private static FloatVector rowSums(float[] x, int a, int b, VectorMask<Float> columns) {
        return FloatVector.fromArray(species, x, a, columns).add(FloatVector.fromArray(species, x, b, columns));
    }

    /** Each even lane plus its right neighbour, compressed to the front. */
    private static FloatVector pairsToFront(FloatVector rows) {
        return plus(rows, FROM_1_ON).compress(EVEN_LANES);
    }

    private static final VectorMask<Float> EVEN_LANES = VectorMask.fromLong(species, 0x5555_5555_5555_5555L);
    private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(species, i -> i / 2);

    @Override
    public void scaledTanh(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n % LANES == 0 || (x != y && n > LANES)) {
            tanhOfWholeVectors(f, x, xOff, y, yOff, n);
        } else {
            tanhElementwise(f, x, xOff, y, yOff, n);
        }
    }

    /**
     * Whole vectors only, the last one moved back to end at n where n is not a multiple of the lanes (its first
     * elements computed twice, to the same bits; so never in place). The rational function is written out in the
     * loop: a helper taking the vector was, in some compilations, left out of line ("callee is too large" while its
     * profile was cold, or NodeCountInliningCutoff once inlined into a big caller; {@code -XX:+PrintInlining}), and
     * the vectors crossing it were boxed (24–49 KB per training step). Steps as {@link RationalTanh#applyFused}.
     */
    private static void tanhOfWholeVectors(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            int at = Math.min(i, n - LANES);
            FloatVector t = FloatVector.fromArray(species, x, xOff + at).max(-f.clamp).min(f.clamp);
            FloatVector t2 = t.mul(t);
            FloatVector p = t2.fma(f.p13, f.p11);
            p = p.fma(t2, FloatVector.broadcast(species, f.p9));
            p = p.fma(t2, FloatVector.broadcast(species, f.p7));
            p = p.fma(t2, FloatVector.broadcast(species, f.p5));
            p = p.fma(t2, FloatVector.broadcast(species, f.p3));
            p = p.fma(t2, FloatVector.broadcast(species, f.p1));
            p = p.mul(t);
            FloatVector q = t2.fma(f.q6, f.q4);
            q = q.fma(t2, FloatVector.broadcast(species, f.q2));
            q = q.fma(t2, FloatVector.broadcast(species, f.q0));
            p.div(q).intoArray(y, yOff + at);
        }
    }

    /** In place with a tail, or shorter than a vector (no layer of these models): the same bits, element by element. */
    private static void tanhElementwise(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = f.applyFused(x[xOff + i]);
        }
    }

    /**
     * {@link RationalTanh#derivative} times dy, lane by lane: no division. No helper takes a vector here: inlined into
     * a big compilation, even an 11-byte one was once left out of line (NodeCountInliningCutoff) and its vectors
     * boxed (49 KB per training step).
     */
    @Override
    public void scaledTanhBackward(RationalTanh f, float[] y, float[] dy, float[] dx, int n) {
        FloatVector slope = FloatVector.broadcast(species, f.slope());
        FloatVector minusDrop = FloatVector.broadcast(species, -f.drop());
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(species, y, i);
            v.mul(v).fma(minusDrop, slope).mul(FloatVector.fromArray(species, dy, i)).intoArray(dx, i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(species, y, i, m);
            v.mul(v).fma(minusDrop, slope).mul(FloatVector.fromArray(species, dy, i, m)).intoArray(dx, i, m);
        }
    }

    @Override
    public int lanes() {
        return species.length();
    }
}
