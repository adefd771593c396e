package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/**
 * Window subsampling, one output row at a time. Same rules as the reference: trainable = coef·Σ window + bias,
 * average = mean, max = the first largest element in row-major window order. The summing kinds with 2×2 windows
 * (every LeNet-5 subsampling) go through {@link FloatOps#subsampleRow} and {@link FloatOps#subsampleBackward}: in
 * plain loops they took about a tenth of a training step (profiled), for 1 % of its arithmetic. Max and other
 * windows stay in plain loops.
 */
final class VectorSubsampling extends VectorLayer {
    private final Subsampling.Kind kind;
    private final int s;
    private final float[] coef;
    private final float[] bias;
    private final int dcoef;
    private final int dbias;
    private final FloatOps ops;
    /** A summing kind with 2×2 windows: the vector row operations apply. */
    private final boolean summingPairs;
    /** Max-pooling of 2×2 windows that tile the input exactly: a group can go through it in lanes. */
    private final boolean maxPairs;
    /** Groups go through the forward pass in lanes, a map at a time (see {@link #forwardGroup}). */
    private final boolean groupsInLanes;
    private final int lanes;

    VectorSubsampling(Subsampling spec, Shape in, FloatParameters params, FloatOps ops) {
        super(in, spec.outputShape(in));
        this.kind = spec.kind();
        this.s = spec.window();
        boolean trainable = kind == Subsampling.Kind.TRAINABLE;
        this.coef = trainable ? params.value(spec.name() + ".coef") : null;
        this.bias = trainable ? params.value(spec.name() + ".bias") : null;
        this.dcoef = trainable ? params.gradientIndex(spec.name() + ".coef") : -1;
        this.dbias = trainable ? params.gradientIndex(spec.name() + ".bias") : -1;
        this.ops = ops;
        this.summingPairs = kind != Subsampling.Kind.MAX && s == 2;
        this.maxPairs = kind == Subsampling.Kind.MAX && s == 2 && in.height() == 2 * out.height()
                && in.width() == 2 * out.width();
        this.lanes = ops.lanes();
        this.groupsInLanes = summingPairs && lanes > 1 && rowsWasteLanes(out.width(), lanes);
    }

    /**
     * Whether a row of outWidth outputs leaves more than a quarter of its vectors' lanes idle ({@link
     * FloatOps#subsampleRow} takes lanes/2 outputs per vector): then the group goes through in lanes. S4's rows of
     * 5 (5 of 8 outputs per vector) do: alone, 3,414 ± 1,017 → 5,156 ± 963 batches of 256 per second on one
     * thread. S2's rows of 14 (14 of 16) do not: 2,087 ± 1,104 → 2,109 ± 484, the copies cost what the lanes
     * save.
     */
    static boolean rowsWasteLanes(int outWidth, int lanes) {
        int perVector = lanes / 2;
        int occupied = (outWidth + perVector - 1) / perVector * perVector;
        return 4 * outWidth <= 3 * occupied;
    }

    /** One input map and its output map, each in lanes. */
    @Override
    int scratchSize() {
        return groupsInLanes ? (in.height() * in.width() + out.height() * out.width()) * lanes : 0;
    }

    /** What map m's window sum is multiplied by: its coefficient, or 1 / (window size) for the average. */
    private float scale(int m) {
        return kind == Subsampling.Kind.TRAINABLE ? coef[m] : 1f / (s * s);
    }

    /** What is added to map m's scaled window sums: its bias, or 0 for the average. */
    private float shift(int m) {
        return kind == Subsampling.Kind.TRAINABLE ? bias[m] : 0f;
    }

    /** Index of the top-left input of output (m, i, j). */
    private int corner(int m, int i, int j) {
        return (m * in.height() + i * s) * in.width() + j * s;
    }

    private float windowSum(float[] x, int corner) {
        if (s == 2) { // every LeNet window: straight-line, same order as the loop below
            int below = corner + in.width();
            return (x[corner] + x[below]) + (x[corner + 1] + x[below + 1]); // FloatOps.subsampleRow's order
        }
        float sum = 0;
        for (int u = 0; u < s; u++) {
            for (int v = 0; v < s; v++) {
                sum += x[corner + u * in.width() + v];
            }
        }
        return sum;
    }

    private int argmax(float[] x, int corner) {
        if (s == 2) {
            int below = corner + in.width();
            int best = corner;
            best = x[corner + 1] > x[best] ? corner + 1 : best;
            best = x[below] > x[best] ? below : best;
            return x[below + 1] > x[best] ? below + 1 : best;
        }
        int best = corner;
        for (int u = 0; u < s; u++) {
            for (int v = 0; v < s; v++) {
                int index = corner + u * in.width() + v;
                if (x[index] > x[best]) {
                    best = index;
                }
            }
        }
        return best;
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        int oh = out.height();
        int ow = out.width();
        for (int m = 0; m < out.channels(); m++) {
            float scale = scale(m);
            float shift = shift(m);
            for (int i = 0; i < oh; i++) {
                int row = (m * oh + i) * ow;
                if (summingPairs) {
                    int a = corner(m, i, 0);
                    ops.subsampleRow(x, a, a + in.width(), scale, shift, y, row, ow);
                } else if (kind == Subsampling.Kind.MAX) {
                    for (int j = 0; j < ow; j++) {
                        y[row + j] = x[argmax(x, corner(m, i, j))];
                    }
                } else {
                    for (int j = 0; j < ow; j++) {
                        y[row + j] = scale * windowSum(x, corner(m, i, j)) + shift;
                    }
                }
            }
        }
    }

    /**
     * A whole group with the samples in lanes, a map at a time, where the rows waste lanes ({@link
     * #rowsWasteLanes}): the window's four inputs are then whole vectors, where a row of one sample fills few lanes
     * and pairs its columns by shuffles. Each sample gets the bits it gets alone.
     */
    @Override
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        if (!groupsInLanes || count < lanes) {
            super.forwardGroup(xs, ys, first, count, scratch);
            return;
        }
        int plane = in.height() * in.width();
        int outPlane = out.height() * out.width();
        int output = plane * lanes; // the output map's place in scratch, after the input map's
        for (int m = 0; m < out.channels(); m++) {
            ops.interleave(xs, first, m * plane, plane, scratch, 0);
            forwardMapInLanes(m, scratch, 0, scratch, output, null);
            ops.deinterleave(scratch, output, outPlane, ys, first, m * outPlane);
        }
    }

    /**
     * Map m of a group in lanes, from its input map at x[xBase ..] into its output map at y[yBase ..]; each output row
     * squashed as soon as it is done, unless squash is null.
     */
    private void forwardMapInLanes(int m, float[] x, int xBase, float[] y, int yBase, RationalTanh squash) {
        int inRow = in.width() * lanes;
        int ow = out.width();
        float scale = scale(m);
        float shift = shift(m);
        for (int i = 0; i < out.height(); i++) {
            int a = xBase + 2 * i * inRow;
            int row = yBase + i * ow * lanes;
            ops.subsampleRowInLanes(x, a, a + inRow, scale, shift, y, row, ow);
            if (squash != null) {
                ops.scaledTanh(squash, y, row, y, row, ow * lanes);
            }
        }
    }

    /** 2×2 windows, summing or max-pooling (those that tile the input): every window's four inputs are whole vectors. */
    @Override
    boolean inLanes(boolean withInputGradient) {
        return lanes > 1 && withInputGradient && (summingPairs || maxPairs);
    }

    /** In lanes, a summing layer squashes its output rows and unsquashes its input gradient (max-pooling takes no tanh). */
    @Override
    boolean squashesInLanes() {
        return summingPairs;
    }

    @Override
    boolean unsquashesInLanes() {
        return summingPairs;
    }

    @Override
    void forwardInLanes(float[] x, float[] y, float[] scratch, RationalTanh squash) {
        int plane = in.height() * in.width() * lanes;
        int outPlane = out.height() * out.width() * lanes;
        if (maxPairs) {
            requireNoTanh(squash);
            for (int m = 0; m < out.channels(); m++) {
                for (int i = 0; i < out.height(); i++) {
                    int a = m * plane + 2 * i * in.width() * lanes;
                    ops.maxPoolRowInLanes(x, a, a + in.width() * lanes, y, m * outPlane + i * out.width() * lanes,
                            out.width());
                }
            }
            return;
        }
        for (int m = 0; m < out.channels(); m++) {
            forwardMapInLanes(m, x, m * plane, y, m * outPlane, squash);
        }
    }

    @Override
    void backwardInLanes(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch,
            RationalTanh squashedInput) {
        int plane = out.height() * out.width();
        if (maxPairs) {
            requireNoTanh(squashedInput);
            int inPlane = in.height() * in.width() * lanes;
            for (int m = 0; m < out.channels(); m++) {
                for (int i = 0; i < out.height(); i++) {
                    int a = m * inPlane + 2 * i * in.width() * lanes;
                    ops.maxPoolBackwardRowInLanes(x, a, a + in.width() * lanes, dy, (m * plane + i * out.width()) * lanes,
                            dx, out.width());
                }
            }
            return;
        }
        for (int m = 0; m < out.channels(); m++) {
            float coefGradient = ops.subsampleBackwardInLanes(x, corner(m, 0, 0) * lanes, in.width(), dy,
                    m * plane * lanes, out.height(), out.width(), scale(m), squashedInput, dx);
            if (kind == Subsampling.Kind.TRAINABLE) {
                gradients[dcoef][m] += coefGradient;
                gradients[dbias][m] += ops.sum(dy, m * plane * lanes, plane * lanes);
            }
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        if (dx != null && kind == Subsampling.Kind.MAX) {
            Arrays.fill(dx, 0); // max sends each gradient to one input of its window; the others stay 0
        }
        int oh = out.height();
        int ow = out.width();
        if (summingPairs && dx != null) {
            backwardByMaps(x, dy, dx, gradients);
            return;
        }
        for (int m = 0; m < out.channels(); m++) {
            float toEachScale = scale(m);
            float coefGradient = 0;
            float biasGradient = 0;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float g = dy[(m * oh + i) * ow + j];
                    int corner = corner(m, i, j);
                    if (kind == Subsampling.Kind.MAX) {
                        if (dx != null) {
                            dx[argmax(x, corner)] += g;
                        }
                        continue;
                    }
                    if (kind == Subsampling.Kind.TRAINABLE) {
                        coefGradient += windowSum(x, corner) * g;
                        biasGradient += g;
                    }
                    if (dx != null && s == 2) {
                        float toEach = toEachScale * g;
                        int below = corner + in.width();
                        dx[corner] = toEach; // windows do not overlap: each dx is written once
                        dx[corner + 1] = toEach;
                        dx[below] = toEach;
                        dx[below + 1] = toEach;
                    } else if (dx != null) {
                        float toEach = toEachScale * g;
                        for (int u = 0; u < s; u++) {
                            int rowStart = corner + u * in.width();
                            for (int v = 0; v < s; v++) {
                                dx[rowStart + v] = toEach;
                            }
                        }
                    }
                }
            }
            if (kind == Subsampling.Kind.TRAINABLE) {
                gradients[dcoef][m] += coefGradient;
                gradients[dbias][m] += biasGradient;
            }
        }
    }

    /** The summing kinds with 2×2 windows, a map at a time through {@link FloatOps#subsampleBackward}. */
    private void backwardByMaps(float[] x, float[] dy, float[] dx, float[][] gradients) {
        int oh = out.height();
        int ow = out.width();
        for (int m = 0; m < out.channels(); m++) {
            float scale = scale(m);
            float coefGradient = ops.subsampleBackward(x, corner(m, 0, 0), in.width(), dy, m * oh * ow, oh, ow, scale,
                    dx);
            if (kind == Subsampling.Kind.TRAINABLE) {
                gradients[dcoef][m] += coefGradient;
                gradients[dbias][m] += ops.sum(dy, m * oh * ow, oh * ow);
            }
        }
    }

    private static void requireNoTanh(RationalTanh fused) {
        if (fused != null) {
            throw new IllegalArgumentException("max-pooling takes no tanh of a neighbour");
        }
    }
}
