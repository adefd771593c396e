package org.lenetbench.vector;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * A 5×5 convolution over a whole group of {@link FloatOps#lanes()} samples in the batch-in-lanes layout: the group is
 * interleaved, sample by lane (every position is G consecutive floats, one per sample), so that every lane does
 * useful work whatever the map's width. {@link VectorConvolution} hands it whole groups where that pays: the forward
 * pass of every 5×5 layer at least five outputs wide ({@link #paysForward}: C1 and C3), the backward pass where the
 * wide rows waste lanes ({@link #pays}: C3, whose wide rows use 10 of 16 lanes; not C1).
 *
 * <ul>
 *   <li>Forward: every fourteen, ten (or five) outputs of a row are one {@link FloatOps#convolveFourteenInLanes}
 *       (C1: two a row), {@link FloatOps#convolveTenInLanes} (C3) or five over all their connected maps, started at
 *       the bias: the wide path's additions in its order, so each sample gets the bits it gets alone.
 *   <li>Input gradient: the same kernels over the output gradient surrounded by k − 1 zeros, with the kernels
 *       reversed, over the output maps each input map feeds, skipping the kernel rows that meet only those zeros:
 *       the wide path's {@code convolveBand} additions, in its order. Where the output rows are ten wide (C3), a whole
 *       row of the input gradient is one {@link FloatOps#fullConvolveTenInLanes}, which skips the zero columns too.
 *   <li>Weight gradient: one {@link FloatOps#correlateInLanes} per connected pair into the worker's gradient lanes,
 *       each lane gathering its own sample's sums (another order than the wide path's).
 * </ul>
 *
 * <p>The copies in and out of lanes are {@link FloatOps#interleave} and {@link FloatOps#deinterleave}: 16×16
 * transposes in registers with 16 lanes, where the positions are consecutive in both layouts (all of them without
 * padding; otherwise a row at a time). Where the network keeps a group in lanes across layers (its trunk, see
 * {@link VectorNetwork}), {@link #forwardInLanes} and {@link #backwardInLanes} take the group already in lanes and
 * copy nothing but rows into the padding, for a padded input or an output gradient with an input gradient to make.
 */
final class InLanesConvolution {
    private static final int K = 5;
    /** The output width whose input gradient rows {@link FloatOps#fullConvolveTenInLanes} makes whole (C3's). */
    private static final int FULL_ROW_SOURCE = 10;
    private final Shape in;
    private final Shape out;
    private final int pad;
    private final int channels;
    private final int paddedHeight;
    private final int lanes;
    private final int[][] inputsOf;
    private final float[] w;
    private final float[] b;
    private final FloatOps ops;
    /** The interleaved input: rows of IW + 2·pad positions, planes of IH + 2·pad rows. */
    private final int inputRow;
    private final int inputPlane;
    /** The output gradient in lanes, inside k − 1 zeros on every side. */
    private final int gradientRow;
    private final int gradientPlane;
    /** Per output map, its connected maps' kernels in w and planes in the interleaved input. */
    private final int[][] kernelsOf;
    private final int[][] inputPlanesOf;
    /** Per input map, the reversed kernels (in scratch) of the output maps it feeds, and those maps' gradients. */
    private final int[][] reversedKernelsOf;
    private final int[][] gradientPlanesOf;
    /** The same maps' planes in the output gradient as a layer gives it in lanes, without the zeros around it. */
    private final int[][] gradientMapsOf;
    // scratch, from the offset given: [input | output | output gradient | input gradient | reversed kernels]
    private final int scratchInput;
    private final int scratchOutput;
    private final int scratchGradient;
    private final int scratchInputGradient;
    private final int scratchReversed;
    private final int scratchEnd;

    /**
     * Whether the backward pass pays in lanes, for a group copied into lanes by this layer alone, for a layer whose
     * output rows are outWidth of a wide row of wideRow floats: where the wide row wastes more than a quarter of its
     * lanes. C1 (28 of 32) alone ran faster in lanes (forward 228,255 vs about 172,000 images/s, backward with dx
     * 109,075 vs about 92,000), but a whole training step did not (C1 has no input gradient to compute, and its
     * buffers in lanes take 0.9 MB per worker): measured. In the network's trunk, where the group arrives in lanes,
     * C1's backward pass goes in lanes anyway: no copies, and no input gradient asked of the first layer.
     */
    static boolean pays(int kernel, int lanes, int outWidth, int wideRow) {
        return paysForward(kernel, lanes, outWidth) && 4 * outWidth < 3 * wideRow;
    }

    /**
     * Whether the forward pass pays in lanes: every 5×5 layer at least five outputs wide, C1 too. C1's forward pass
     * alone in lanes, A/B on one thread: the network's forward pass at batch 256 went from 48,710 and 53,142 to
     * 57,948 and 56,397 images/s, a training step stayed where it was (19,939–22,216 vs 19,952–22,685).
     */
    static boolean paysForward(int kernel, int lanes, int outWidth) {
        return kernel == K && lanes > 1 && outWidth >= 5;
    }

    /** {@code withBackward}: whether {@link #backward} will be called; without it, scratch ends after the output. */
    InLanesConvolution(Convolution spec, Shape in, Shape out, int[][] inputsOf, float[] w, float[] b, FloatOps ops,
            int scratchStart, boolean withBackward) {
        this.in = in;
        this.out = out;
        this.pad = spec.padding();
        this.channels = in.channels();
        this.paddedHeight = in.height() + 2 * pad;
        this.lanes = ops.lanes();
        this.inputsOf = inputsOf;
        this.w = w;
        this.b = b;
        this.ops = ops;
        this.inputRow = (in.width() + 2 * pad) * lanes;
        this.inputPlane = paddedHeight * inputRow;
        this.gradientRow = (out.width() + 2 * (K - 1)) * lanes;
        this.gradientPlane = (out.height() + 2 * (K - 1)) * gradientRow;
        this.scratchInput = scratchStart;
        this.scratchOutput = scratchInput + channels * inputPlane;
        this.scratchGradient = scratchOutput + out.size() * lanes;
        this.scratchInputGradient = scratchGradient + out.channels() * gradientPlane;
        this.scratchReversed = scratchInputGradient + channels * inputPlane;
        this.scratchEnd = withBackward ? scratchReversed + w.length : scratchGradient;
        this.kernelsOf = new int[out.channels()][];
        this.inputPlanesOf = new int[out.channels()][];
        for (int o = 0; o < out.channels(); o++) {
            final int map = o;
            kernelsOf[o] = Arrays.stream(inputsOf[o]).map(c -> kernelOffset(map, c)).toArray();
            inputPlanesOf[o] = Arrays.stream(inputsOf[o]).map(c -> c * inputPlane).toArray();
        }
        this.reversedKernelsOf = new int[channels][];
        this.gradientPlanesOf = new int[channels][];
        this.gradientMapsOf = new int[channels][];
        for (int c = 0; c < channels; c++) {
            final int map = c;
            int[] fed = IntStream.range(0, out.channels()).filter(o -> spec.connected(o, map)).toArray();
            reversedKernelsOf[c] = Arrays.stream(fed).map(o -> scratchReversed + kernelOffset(o, map)).toArray();
            gradientPlanesOf[c] = Arrays.stream(fed).map(o -> o * gradientPlane).toArray();
            gradientMapsOf[c] = Arrays.stream(fed).map(o -> o * out.height() * out.width() * lanes).toArray();
        }
    }

    /** Where this path's scratch ends. */
    int scratchEnd() {
        return scratchEnd;
    }

    private int kernelOffset(int o, int c) {
        return VectorConvolution.kernelOffset(o, c, channels, K);
    }

    /** Samples [first, first + lanes) of xs through the layer, into the same samples of ys. */
    void forward(float[][] xs, float[][] ys, int first, float[] scratch) {
        interleaveInput(xs, first, scratch);
        forward(scratch, scratchInput, scratch, scratchOutput);
        ops.deinterleave(scratch, scratchOutput, out.size(), ys, first, 0);
    }

    /**
     * A group already in lanes: x holds in.size() positions (unpadded), y gets out.size(); squashed by {@code squash}
     * unless it is null.
     */
    void forwardInLanes(float[] x, float[] y, float[] scratch, RationalTanh squash) {
        if (pad == 0) {
            forward(x, 0, y, 0, squash); // without padding the input is already in the layout the kernels read
        } else {
            padInput(x, scratch);
            forward(scratch, scratchInput, y, 0, squash);
        }
    }

    private void forward(float[] x, int xBase, float[] y, int yBase) {
        forward(x, xBase, y, yBase, null);
    }

    /**
     * From the padded input in lanes at x[xBase ..] into the output in lanes at y[yBase ..]; each output row squashed
     * as soon as it is done, while it is in L1 (unless squash is null).
     */
    private void forward(float[] x, int xBase, float[] y, int yBase, RationalTanh squash) {
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; ) {
                    int at = chunkStart(j, ow);
                    int outputs = chunkWidth(at, ow);
                    convolveInLanes(outputs, w, kernelsOf[o], b[o], x, inputPlanesOf[o],
                            xBase + i * inputRow + at * lanes, inputRow, 0, K,
                            y, yBase + ((o * oh + i) * ow + at) * lanes);
                    j = at + outputs;
                }
                if (squash != null) {
                    int row = yBase + (o * oh + i) * ow * lanes;
                    ops.scaledTanh(squash, y, row, y, row, ow * lanes);
                }
            }
        }
    }

    /**
     * Backward of samples [first, first + lanes): the bias gradient summed per sample into {@code biasGradient}, the
     * weight gradient into the worker's lanes at {@code scratch[weightLanes + kernel offset · lanes ..]}, the input
     * gradient into dxs (unless null: the first layer).
     */
    void backward(float[][] xs, float[][] dys, float[][] dxs, int first, float[] biasGradient, float[] scratch,
            int weightLanes) {
        interleaveInput(xs, first, scratch);
        interleaveGradient(dys, first, scratch);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int s = first; s < first + lanes; s++) {
                biasGradient[o] += ops.sum(dys[s], o * oh * ow, oh * ow);
            }
        }
        weightGradient(scratch, scratchInput, scratch, scratchGradient + (K - 1) * gradientRow + (K - 1) * lanes,
                gradientPlane, gradientRow, scratch, weightLanes);
        if (dxs != null) {
            reverseKernels(scratch);
            if (out.width() == FULL_ROW_SOURCE) {
                fullInputGradient(scratch, scratch, gradientPlanesOf, scratchGradient + (K - 1) * lanes, gradientRow,
                        scratch, scratchInputGradient);
            } else {
                inputGradient(scratch, scratch, scratchInputGradient);
            }
            copyInputPlanes(dxs, first, scratch, scratchInputGradient, false);
        }
    }

    /**
     * Backward of a group already in lanes (x, dy and dx as {@link #forwardInLanes}): the bias gradient summed over
     * the group, the weight gradient as {@link #backward}, the input gradient unless dx is null (unpadded layers only:
     * see {@link VectorConvolution#inLanes}).
     */
    void backwardInLanes(float[] x, float[] dy, float[] dx, float[] biasGradient, float[] scratch, int weightLanes) {
        int plane = out.height() * out.width() * lanes;
        for (int o = 0; o < out.channels(); o++) {
            biasGradient[o] += ops.sum(dy, o * plane, plane);
        }
        float[] padded = x;
        int paddedBase = 0;
        if (pad > 0) {
            padInput(x, scratch);
            padded = scratch;
            paddedBase = scratchInput;
        }
        weightGradient(padded, paddedBase, dy, 0, plane, out.width() * lanes, scratch, weightLanes);
        if (dx == null) {
            return;
        }
        if (pad > 0) {
            throw new IllegalStateException("no input gradient in lanes for a padded convolution (VectorConvolution.inLanes)");
        }
        reverseKernels(scratch);
        if (out.width() == FULL_ROW_SOURCE) { // reads dy where it is: no zeros around it to make
            int row = out.width() * lanes;
            fullInputGradient(scratch, dy, gradientMapsOf, -(K - 1) * row, row, dx, 0);
        } else {
            surroundGradient(dy, scratch);
            inputGradient(scratch, dx, 0); // the padded layout without padding is dx's
        }
    }

    /**
     * The weight gradient of every connected pair into the worker's lanes at {@code lanesOut[weightLanes + kernel offset ·
     * lanes ..]}, from the padded input in lanes at x[xBase ..] and the output gradient in lanes at d[dBase ..], map o
     * at {@code dBase + o·dPlane}, its rows dRow apart.
     */
    private void weightGradient(float[] x, int xBase, float[] d, int dBase, int dPlane, int dRow, float[] lanesOut,
            int weightLanes) {
        for (int o = 0; o < out.channels(); o++) {
            for (int c : inputsOf[o]) {
                ops.correlateInLanes(d, dBase + o * dPlane, dRow, out.height(), out.width(), x,
                        xBase + c * inputPlane, inputRow, lanesOut, weightLanes + kernelOffset(o, c) * lanes);
            }
        }
    }

    /** Every connected pair's kernel reversed, into scratch at scratchReversed: the input gradient's kernels. */
    private void reverseKernels(float[] scratch) {
        for (int o = 0; o < out.channels(); o++) {
            for (int c : inputsOf[o]) {
                int kernel = kernelOffset(o, c);
                for (int t = 0; t < K * K; t++) {
                    scratch[scratchReversed + kernel + t] = w[kernel + K * K - 1 - t];
                }
            }
        }
    }

    /**
     * The input gradient, in the padded input layout at y[yBase ..], from the output gradient surrounded by zeros at
     * scratchGradient, with the kernels {@link #reverseKernels reversed}.
     */
    private void inputGradient(float[] scratch, float[] y, int yBase) {
        int width = in.width() + 2 * pad;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < paddedHeight; r++) {
                // input row r meets gradient rows r + u − (k − 1); those outside [0, OH) are the zeros around it
                int firstRow = Math.max(0, K - 1 - r);
                int endRow = Math.min(K, out.height() + K - 1 - r);
                for (int m = 0; m < width; ) {
                    int at = chunkStart(m, width);
                    int outputs = chunkWidth(at, width);
                    convolveInLanes(outputs, scratch, reversedKernelsOf[c], 0f, scratch, gradientPlanesOf[c],
                            scratchGradient + r * gradientRow + at * lanes, gradientRow, firstRow, endRow,
                            y, yBase + c * inputPlane + r * inputRow + at * lanes);
                    m = at + outputs;
                }
            }
        }
    }

    /**
     * {@link #inputGradient} for output rows {@link #FULL_ROW_SOURCE} wide, a whole input row per
     * {@link FloatOps#fullConvolveTenInLanes}, which never reads the zeros around the output gradient: so the gradient
     * may be read where it is. Map o's padded row p (its real row p − (k − 1)) starts at
     * {@code d[planes[c][j] + rowZero + p·row]}, with its first real position there.
     */
    private void fullInputGradient(float[] scratch, float[] d, int[][] planes, int rowZero, int row, float[] y,
            int yBase) {
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < paddedHeight; r++) {
                int firstRow = Math.max(0, K - 1 - r);
                int endRow = Math.min(K, out.height() + K - 1 - r);
                ops.fullConvolveTenInLanes(scratch, reversedKernelsOf[c], d, planes[c], rowZero + r * row, row,
                        firstRow, endRow, y, yBase + c * inputPlane + r * inputRow);
            }
        }
    }

    /**
     * Where the outputs after those before j start: at j, or at the row's last five where fewer are left (the
     * outputs written twice get the same value twice).
     */
    private static int chunkStart(int j, int width) {
        return Math.min(j, width - 5);
    }

    /** How many outputs from {@code at}: fourteen, or else ten, where they fit in the row, else five. */
    private static int chunkWidth(int at, int width) {
        return at + 14 <= width ? 14 : at + 10 <= width ? 10 : 5;
    }

    /**
     * Fourteen ({@link FloatOps#convolveFourteenInLanes}), ten or five outputs of a row from {@code xOff} into scratch
     * at {@code yOff}.
     */
    private void convolveInLanes(int outputs, float[] w, int[] kernels, float bias, float[] x, int[] planes,
            int xOff, int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        if (outputs == 14) {
            ops.convolveFourteenInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
        } else if (outputs == 10) {
            ops.convolveTenInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
        } else {
            ops.convolveFiveInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
        }
    }

    /** The group's inputs, zero-padded, one sample per lane, at scratchInput. */
    private void interleaveInput(float[][] xs, int first, float[] scratch) {
        if (pad > 0) {
            Arrays.fill(scratch, scratchInput, scratchInput + channels * inputPlane, 0f);
        }
        copyInputPlanes(xs, first, scratch, scratchInput, true);
    }

    /**
     * Copies between samples [first, first + lanes)'s input-shaped maps and the padded planes in lanes at
     * {@code scratch[base ..]}: into the lanes, or out of them (the padding is left out either way). Without padding
     * the two layouts hold the positions in the same order, and one call moves them all.
     */
    private void copyInputPlanes(float[][] samples, int first, float[] scratch, int base, boolean intoLanes) {
        int h = in.height();
        int wd = in.width();
        if (pad == 0) {
            copy(samples, first, 0, channels * h * wd, scratch, base, intoLanes);
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h; i++) {
                copy(samples, first, (c * h + i) * wd, wd, scratch,
                        base + c * inputPlane + (i + pad) * inputRow + pad * lanes, intoLanes);
            }
        }
    }

    private void copy(float[][] samples, int first, int from, int n, float[] scratch, int at, boolean intoLanes) {
        if (intoLanes) {
            ops.interleave(samples, first, from, n, scratch, at);
        } else {
            ops.deinterleave(scratch, at, n, samples, first, from);
        }
    }

    /** A group's input already in lanes, copied row by row inside its zero padding at scratchInput. */
    private void padInput(float[] x, float[] scratch) {
        Arrays.fill(scratch, scratchInput, scratchInput + channels * inputPlane, 0f);
        int h = in.height();
        int row = in.width() * lanes;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(x, (c * h + i) * row, scratch, scratchInput + c * inputPlane + (i + pad) * inputRow
                        + pad * lanes, row);
            }
        }
    }

    /** A group's output gradient already in lanes, copied row by row inside k − 1 zeros at scratchGradient. */
    private void surroundGradient(float[] dy, float[] scratch) {
        Arrays.fill(scratch, scratchGradient, scratchGradient + out.channels() * gradientPlane, 0f);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < oh; i++) {
                System.arraycopy(dy, (o * oh + i) * ow * lanes, scratch,
                        scratchGradient + o * gradientPlane + (i + K - 1) * gradientRow + (K - 1) * lanes, ow * lanes);
            }
        }
    }

    /** The group's output gradients, one sample per lane, inside k − 1 zeros, at scratchGradient. */
    private void interleaveGradient(float[][] dys, int first, float[] scratch) {
        Arrays.fill(scratch, scratchGradient, scratchGradient + out.channels() * gradientPlane, 0f);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < oh; i++) {
                ops.interleave(dys, first, (o * oh + i) * ow, ow, scratch,
                        scratchGradient + o * gradientPlane + (i + K - 1) * gradientRow + (K - 1) * lanes);
            }
        }
    }
}
