package org.lenetbench.vector;

import org.lenetbench.model.Shape;

/**
 * {@code y = W·x + b}: forward from W transposed ({@link FloatOps#multiplyTransposed}, a group's samples four at a
 * time, {@link FloatOps#multiplyTransposedFour}), each output a lane of its own, so no lane sums: C5 forward alone
 * about 1.3× and F6 3× faster than dot products of W's rows with x, for the price of transposing W after each step
 * (each worker the range it updated, {@link #parametersChanged(int, int, int)}). Backward, dx is W's rows weighted
 * by dy ({@link FloatOps#weightedRowSum}; a group's samples four at a time, {@link FloatOps#weightedRowSumFour}),
 * and the weight gradient's outer products dy·xᵀ are added {@value #STASH} samples at a time
 * ({@link FloatOps#addOuterProducts}), so that dW (C5: 48,000 floats, beyond L1) is read and written once per
 * {@value #STASH} samples rather than once per sample.
 */
final class VectorFullyConnected extends VectorLayer {
    private final float[] w;
    /**
     * W transposed, its rows padded to whole vectors ({@link #stride} floats): the forward pass's layout, made again
     * whenever the parameters change ({@link #parametersChanged}).
     */
    private final float[] wt;
    private final int stride;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;
    /** Samples whose weight-gradient outer products are added together. */
    private static final int STASH = 32;
    // scratch layout: [samples stashed (a small integer, exact as a float) | STASH dy | STASH x | a vector of slack
    //                  for the last masked load | four samples' outputs, stride floats each]
    private static final int COUNT = 0;
    private static final int STASHED_DY = 1;
    private final int stashedX;
    private final int products;

    /** {@code out}: a vector, or maps of 1×1 where a convolution is computed as this layer (see VectorLayer.of). */
    VectorFullyConnected(String name, Shape in, Shape out, FloatParameters params, FloatOps ops) {
        super(in, out);
        this.w = params.value(name + ".weight");
        this.b = params.value(name + ".bias");
        this.dw = params.gradientIndex(name + ".weight");
        this.db = params.gradientIndex(name + ".bias");
        this.ops = ops;
        this.stashedX = STASHED_DY + STASH * out.size();
        this.products = stashedX + STASH * in.size() + ops.lanes();
        this.stride = Math.ceilDiv(out.size(), ops.lanes()) * ops.lanes();
        this.wt = new float[in.size() * stride]; // zeros, as W is until parameters are loaded
    }

    @Override
    int scratchSize() {
        return products + 4 * stride;
    }

    @Override
    void parametersChanged() {
        transpose(0, w.length);
    }

    @Override
    void parametersChanged(int tensor, int from, int to) {
        if (tensor == dw) {
            transpose(from, to);
        }
    }

    /**
     * Elements [from, to) of W (row by row) into wt: the parts of rows at either end element by element, the whole rows
     * between in tiles of 16 × 16, so that the sixteen rows of wt a tile writes stay in L1 while it writes them.
     */
    private void transpose(int from, int to) {
        int n = in.size();
        int firstWhole = Math.ceilDiv(from, n);
        int endWhole = to / n;
        if (firstWhole >= endWhole) {
            transposeElements(from, to);
            return;
        }
        transposeElements(from, firstWhole * n);
        for (int o0 = firstWhole; o0 < endWhole; o0 += 16) {
            int o1 = Math.min(o0 + 16, endWhole);
            for (int i0 = 0; i0 < n; i0 += 16) {
                int i1 = Math.min(i0 + 16, n);
                for (int o = o0; o < o1; o++) {
                    for (int i = i0; i < i1; i++) {
                        wt[i * stride + o] = w[o * n + i];
                    }
                }
            }
        }
        transposeElements(endWhole * n, to);
    }

    private void transposeElements(int from, int to) {
        int n = in.size();
        for (int e = from; e < to; e++) {
            wt[e % n * stride + e / n] = w[e];
        }
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        ops.multiplyTransposed(wt, stride, in.size(), x, scratch, products);
        addBias(scratch, products, y);
    }

    /** The outputs at scratch[from ..] plus the bias, into y. */
    private void addBias(float[] scratch, int from, float[] y) {
        for (int i = 0; i < out.size(); i++) {
            y[i] = scratch[from + i] + b[i];
        }
    }

    /** Four samples at a time share each read of the weights; the results are those of one at a time. */
    @Override
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        int s = first;
        for (; s + 4 <= first + count; s += 4) {
            ops.multiplyTransposedFour(wt, stride, in.size(), xs, s, scratch, products);
            for (int k = 0; k < 4; k++) {
                addBias(scratch, products + k * stride, ys[s + k]);
            }
        }
        for (; s < first + count; s++) {
            forward(xs[s], ys[s], scratch);
        }
    }

    @Override
    void beginChunk(float[] scratch) {
        scratch[COUNT] = 0;
    }

    @Override
    void finishChunk(float[][] gradients, float[] scratch) {
        addStashed(gradients, scratch);
    }

    /**
     * The bias gradient and dx now; the sample's x and dy go to the stash, whose outer products are added to the
     * weight gradient {@value #STASH} samples at a time (in sample order, as one by one).
     */
    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        addParameterGradients(x, dy, gradients, scratch);
        if (dx != null) {
            ops.weightedRowSum(w, 0, out.size(), in.size(), dy, 0, dx, 0);
        }
    }

    /** As one at a time, but dx four samples per read of the weights; the same bits. */
    @Override
    void backwardGroup(float[][] xs, float[][] ys, float[][] dys, float[][] dxs, int first, int count,
            float[][] gradients, float[] scratch) {
        int s = first;
        for (; s + 4 <= first + count; s += 4) {
            for (int k = s; k < s + 4; k++) {
                addParameterGradients(xs[k], dys[k], gradients, scratch);
            }
            if (dxs != null) {
                ops.weightedRowSumFour(w, out.size(), in.size(), dys, dxs, s);
            }
        }
        for (; s < first + count; s++) {
            backward(xs[s], ys[s], dys[s], dxs == null ? null : dxs[s], gradients, scratch);
        }
    }

    private void addParameterGradients(float[] x, float[] dy, float[][] gradients, float[] scratch) {
        float[] gb = gradients[db];
        for (int i = 0; i < out.size(); i++) {
            gb[i] += dy[i];
        }
        int stashed = (int) scratch[COUNT];
        System.arraycopy(dy, 0, scratch, STASHED_DY + stashed * out.size(), out.size());
        System.arraycopy(x, 0, scratch, stashedX + stashed * in.size(), in.size());
        scratch[COUNT] = stashed + 1;
        if (stashed + 1 == STASH) {
            addStashed(gradients, scratch);
        }
    }

    private void addStashed(float[][] gradients, float[] scratch) {
        int stashed = (int) scratch[COUNT];
        ops.addOuterProducts(scratch, STASHED_DY, scratch, stashedX, stashed, out.size(), in.size(), gradients[dw], 0);
        scratch[COUNT] = 0;
    }
}
