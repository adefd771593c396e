package org.lenetbench.vector;

/**
 * The inner loops every layer is built from, over slices of float arrays. Two implementations that the
 * tests hold against each other: {@link ScalarOps} (plain loops, the readable definition) and
 * {@link VectorOps} (jdk.incubator.vector, the fast one). Nothing here names a Vector API type, so the
 * backend can load and report itself unavailable when the incubator module is missing.
 */
interface FloatOps {

    /** {@code y[yOff + i] += a · x[xOff + i]} for i in [0, n). */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * A matrix times a vector from the matrix transposed, its rows stride floats apart, stride a multiple of
     * {@link #lanes()}: {@code out[outOff + o] = Σ_i wt[i·stride + o] · x[i]} for o in [0, stride) (the padding's
     * outputs too), i in [0, n), each output a chain of multiply-adds over i in order from zero. Every output is a
     * lane of its own: there are no lane sums, and a weight vector is loaded once for as many outputs as it has
     * lanes.
     */
    void multiplyTransposed(float[] wt, int stride, int n, float[] x, float[] out, int outOff);

    /**
     * {@link #multiplyTransposed} for the four samples {@code xs[first .. first + 3]}, sample s into
     * {@code out[outOff + s·stride ..]}, each with the bits it gets alone: every weight vector is loaded once for the
     * four (C5's weights are 200 KB, beyond L1).
     */
    void multiplyTransposedFour(float[] wt, int stride, int n, float[][] xs, int first, float[] out, int outOff);

    /** {@code Σ x[off + i]} for i in [0, n). */
    float sum(float[] x, int off, int n);

    /**
     * One row of a convolution: {@code y[yOff + i] += Σ_{v<k} w[wOff + v] · x[xOff + i + v]} for i in [0, n).
     * Reads each y once for k taps, where k separate axpys would read and write it k times.
     */
    void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * A whole k×k kernel over a plane stored with row stride {@code stride}: {@code y[yOff + i] += Σ_{u<k} Σ_{v<k}
     * w[wOff + u·k + v] · x[xOff + u·stride + i + v]} for i in [0, n), added in the order of u, then v — the same
     * additions as k {@link #convolveRow} calls, one per kernel row, but each y is read and written once.
     */
    void convolvePlane(float[] w, int wOff, int k, float[] x, int xOff, int stride, float[] y, int yOff, int n);

    /**
     * {@link #convolvePlane} where x is known to be zero outside {@code x[xOff + firstRow·stride + k − 1 ..
     * xOff + endRow·stride)}: the same sums, but an implementation may skip the products of those zeros (the input
     * gradient, where x is a wide output gradient led and followed by zero rows, each row's last k − 1 columns zero).
     * Reading input row r with all k shifts touches floats [r·stride, (r + 1)·stride + k − 1): rows outside the band
     * read only zeros.
     */
    void convolveBand(float[] w, int wOff, int k, float[] x, int xOff, int stride, int firstRow, int endRow, float[] y,
            int yOff, int n);

    /**
     * Into the batch-in-lanes layout: {@code out[outOff + p·G + s] = samples[first + s][from + p]} for p in [0, n) and
     * s in [0, G), G = {@link #lanes()}: the samples' floats side by side, sample by lane.
     */
    void interleave(float[][] samples, int first, int from, int n, float[] out, int outOff);

    /** Out of it, the reverse of {@link #interleave}: {@code samples[first + s][to + p] = in[inOff + p·G + s]}. */
    void deinterleave(float[] in, int inOff, int n, float[][] samples, int first, int to);

    /**
     * Five outputs of a 5×5 convolution over {@link #lanes()} samples at once, in the batch-in-lanes layout: every
     * position holds one float per sample (lane), so that G = lanes() consecutive floats are one position of G
     * samples. For t in [0, 5) and every lane g: {@code y[yOff + t·G + g] = bias + Σ_m Σ_{u<5} Σ_{v<5}
     * w[kernels[m] + u·5 + v] · x[planes[m] + xOff + u·rowStride + (t + v)·G + g]}, over the input maps m in order,
     * then u, then v: the additions of {@link #convolvePlane} per map onto a row started at the bias, so each lane
     * gets the bits a sample gets alone. All lanes do useful work, whatever the map's width. Only kernel rows u in
     * [firstRow, endRow) are visited: the caller knows the others meet zeros (the input gradient's border rows).
     */
    void convolveFiveInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff);

    /** {@link #convolveFiveInLanes} for ten consecutive outputs, each with the same bits as there. */
    void convolveTenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff);

    /** {@link #convolveFiveInLanes} for fourteen consecutive outputs, each with the same bits as there. */
    void convolveFourteenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff);

    /**
     * The fourteen outputs of a full 5×5 convolution over rows of ten positions, the input gradient of a layer whose
     * output rows are ten wide (C3): {@link #convolveTenInLanes} and a five at output 9 over the rows surrounded by
     * four zeros on each side, with the zeros left out. For t in [0, 14): {@code y[yOff + t·G + g] = Σ_m Σ_u
     * Σ_{v: 0 ≤ t+v−4 < 10} w[kernels[m] + u·5 + v] · d[planes[m] + dOff + u·rowStride + (t + v − 4)·G + g]}, in the
     * order of m, u, v, from zero: the same bits, for 50 multiply-adds per kernel row instead of 75.
     */
    void fullConvolveTenInLanes(float[] w, int[] kernels, float[] d, int[] planes, int dOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff);

    /**
     * The weight gradient of one 5×5 kernel in the batch-in-lanes layout of {@link #convolveFiveInLanes}, lane by lane:
     * for every tap (u, v) and lane g, {@code Σ_{i<rows} Σ_{j<n} d[dOff + i·dRowStride + j·G + g] · x[xOff + (i + u)
     * ·xRowStride + (j + v)·G + g]} is added into {@code out[outOff + (u·5 + v)·G + g]}: each lane gathers one sample's
     * sum, and the caller adds the lanes up once per chunk, as for {@link #correlatePlane}.
     */
    void correlateInLanes(float[] d, int dOff, int dRowStride, int rows, int n, float[] x, int xOff, int xRowStride,
            float[] out, int outOff);

    /**
     * The weight gradient of one kernel row, lane-expanded: for v in [0, k) the partial sums of
     * {@code Σ_i g[gOff + i] · x[xOff + i + v]} are added lane by lane into {@code out[outOff + v·lanes() ..
     * + lanes())}; adding the lanes of a tap gives its sum. The k sums share each load of g, and no vector is
     * reduced: the caller accumulates a worker's samples in the lanes and adds them up once per batch chunk.
     */
    void correlateRow(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out, int outOff);

    /**
     * The weight gradient of a whole k×k kernel, lane-expanded like {@link #correlateRow}: for every tap (u, v) the
     * partial sums of {@code Σ_i g[gOff + i] · x[xOff + u·stride + v + i]} for i in [0, n) are added lane by lane into
     * {@code out[outOff + (u·k + v)·lanes() .. + lanes())} — the same sums as k correlateRow calls, one per kernel
     * row, in an order of additions of its own.
     */
    void correlatePlane(float[] g, int gOff, float[] x, int xOff, int stride, int k, int n, float[] out, int outOff);

    /**
     * {@code y[yOff + j] = Σ_i a[aOff + i] · w[wOff + i·n + j]} for j in [0, n), i in [0, rows) added in order from
     * zero: a matrix's rows weighted and summed (the transposed matrix times a), the same additions as {@code rows}
     * axpys into a zeroed y.
     */
    void weightedRowSum(float[] w, int wOff, int rows, int n, float[] a, int aOff, float[] y, int yOff);

    /**
     * {@link #weightedRowSum} (from offset 0) for the four samples {@code as[first .. first + 3]} into {@code
     * ys[first .. first + 3]}, each with the same bits as alone: the matrix is read once for the four (C5's is 192 KB,
     * beyond L1), as {@link #multiplyTransposedFour} does forward.
     */
    void weightedRowSumFour(float[] w, int rows, int n, float[][] as, float[][] ys, int first);

    /**
     * {@code g[gOff + i·n + j] += a[aOff + s·rows + i] · x[xOff + s·n + j]} for s in [0, samples), added in the order of s, for
     * i in [0, rows), j in [0, n): a batch of outer products, the same additions as an axpy per sample and row.
     */
    void addOuterProducts(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n, float[] g, int gOff);

    /**
     * One output row of 2×2 summing subsampling: {@code y[yOff + j] = scale · ((x[a + 2j] + x[b + 2j]) +
     * (x[a + 2j + 1] + x[b + 2j + 1])) + shift} for j in [0, n), where a and b start the window's two input rows.
     */
    void subsampleRow(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n);

    /**
     * {@link #subsampleRow} for G = {@link #lanes()} samples in lanes (the layout of {@link #interleave}): for j in
     * [0, n) and every lane g, {@code y[yOff + j·G + g] = scale · ((x[a + 2j·G + g] + x[b + 2j·G + g]) +
     * (x[a + (2j + 1)·G + g] + x[b + (2j + 1)·G + g])) + shift}: each lane gets the bits of subsampleRow.
     */
    void subsampleRowInLanes(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n);

    /**
     * Backward of {@link #subsampleRow} over a whole map of {@code rows} output rows of n: for output row i the input
     * rows start at {@code a = xOff + 2i·width} and {@code a + width}, the gradient row at {@code gOff + i·n}; each of
     * window (i, j)'s four inputs gets {@code scale · g} in dx (laid out as x); returns {@code Σ windowSum · g} over
     * the map, the gradient of scale (one lane sum per map, not per row).
     */
    float subsampleBackward(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
            float[] dx);

    /**
     * {@link #subsampleBackward} for G = {@link #lanes()} samples in lanes: width and n count positions of G floats,
     * xOff and gOff are offsets in floats. Returns {@code Σ windowSum · g} over the map and every lane: the gradient
     * of scale for the whole group (in another order than sample by sample). Where x is the output of a tanh
     * ({@code squashedInput}, else null), each dx is also multiplied by its derivative there, {@code
     * squashedInput.derivative(x)}: the tanh's backward pass in the same sweep, with the bits of {@link
     * #scaledTanhBackward} after this.
     */
    float subsampleBackwardInLanes(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
            RationalTanh squashedInput, float[] dx);

    /**
     * 2×2 max-pooling of one output row for G = {@link #lanes()} samples in lanes: for j in [0, n) and every lane g,
     * {@code y[yOff + j·G + g]} is the first largest of {@code x[a + 2j·G + g], x[a + (2j + 1)·G + g], x[b + 2j·G + g],
     * x[b + (2j + 1)·G + g]}, in that order: a later input wins only where it is larger (a scalar argmax's choice).
     */
    void maxPoolRowInLanes(float[] x, int a, int b, float[] y, int yOff, int n);

    /**
     * Backward of {@link #maxPoolRowInLanes} for the same row: each {@code g[gOff + j·G + g']} goes to the input its
     * output came from, in dx at that input's position; the window's three other inputs get 0.
     */
    void maxPoolBackwardRowInLanes(float[] x, int a, int b, float[] g, int gOff, float[] dx, int n);

    /** {@code y[yOff + i] = f(x[xOff + i])} for i in [0, n): {@code a · tanh(s · x)}; in place where x is y. */
    void scaledTanh(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code dx[i] = f'(x[i]) · dy[i]} for i in [0, n), from the outputs {@code y = f(x)} ({@link RationalTanh#derivative}). */
    void scaledTanhBackward(RationalTanh f, float[] y, float[] dy, float[] dx, int n);

    /** {@code y[i] = Math.max(0f, x[i])} for i in [0, n): ReLU; in place where x is y. */
    void relu(float[] x, float[] y, int n);

    /** ReLU's backward pass from its inputs: {@code dx[i] = x[i] > 0 ? dy[i] : 0} for i in [0, n). */
    void reluBackward(float[] x, float[] dy, float[] dx, int n);

    /**
     * One Adam step of elements [from, to): {@code m = b1·m + (1 − b1)·g}, {@code v = b2·v + (1 − b2)·g·g},
     * {@code w −= lr·(m·c1) / (√(v·c2) + eps)}, with {@code c1}, {@code c2} the bias corrections, each element in
     * that order of operations (no fused multiply-add), so that every path gives the same bits.
     */
    void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float b2, float c1, float c2,
            float lr, float eps);

    /** Lanes per vector (1 for the scalar path): shown in the engine version and in benchmark results. */
    int lanes();
}
