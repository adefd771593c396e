package org.lenetbench.vector;

import org.lenetbench.model.Shape;

/**
 * {@code y = W·x + b}: forward {@link FloatOps#multiply}, a group's samples four at a time ({@link
 * FloatOps#multiplyFour}). Backward, dx is W's rows weighted by dy ({@link FloatOps#weightedRowSum}; a group's
 * samples four at a time, {@link FloatOps#weightedRowSumFour}), and the weight gradient's outer products dy·xᵀ are
 * added {@value #STASH} samples at a time ({@link FloatOps#addOuterProducts}), so that dW (C5: 48,000 floats, beyond
 * L1) is read and written once per {@value #STASH} samples rather than once per sample.
 */
final class VectorFullyConnected extends VectorLayer {
    private final float[] w;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;
    /** Samples whose weight-gradient outer products are added together. */
    private static final int STASH = 32;
    // scratch layout: [samples stashed (a small integer, exact as a float) | STASH dy | STASH x | a vector of slack
    //                  for the last masked load | multiplyFour's 16 vectors of lane sums]
    private static final int COUNT = 0;
    private static final int STASHED_DY = 1;
    private final int stashedX;
    private final int laneSums;

    /** {@code out}: a vector, or maps of 1×1 where a convolution is computed as this layer (see VectorLayer.of). */
    VectorFullyConnected(String name, Shape in, Shape out, FloatParameters params, FloatOps ops) {
        super(in, out);
        this.w = params.value(name + ".weight");
        this.b = params.value(name + ".bias");
        this.dw = params.gradientIndex(name + ".weight");
        this.db = params.gradientIndex(name + ".bias");
        this.ops = ops;
        this.stashedX = STASHED_DY + STASH * out.size();
        this.laneSums = stashedX + STASH * in.size() + ops.lanes();
    }

    @Override
    int scratchSize() {
        return laneSums + 16 * ops.lanes();
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        ops.multiply(w, out.size(), in.size(), x, y);
        addBias(y);
    }

    private void addBias(float[] y) {
        for (int i = 0; i < out.size(); i++) {
            y[i] += b[i];
        }
    }

    /** Four samples at a time share each read of the weights; the results are those of one at a time. */
    @Override
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        int s = first;
        for (; s + 4 <= first + count; s += 4) {
            ops.multiplyFour(w, out.size(), in.size(), xs, ys, s, scratch, laneSums);
            for (int k = s; k < s + 4; k++) {
                addBias(ys[k]);
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
