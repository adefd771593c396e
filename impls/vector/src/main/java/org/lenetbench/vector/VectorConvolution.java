package org.lenetbench.vector;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * Convolution in a "wide" layout: the input is copied, zero-padded, into per-worker scratch with a row stride
 * of IW + 2·pad rounded up to whole vectors (C1: 32, C3: 16 with 16 lanes), and an output map is computed with
 * that stride, so that for every connected (output map o, input map c) pair the whole map gains one
 * {@link FloatOps#convolvePlane} over OH whole wide rows, all k×k taps at once, every row a whole number of
 * vectors. The columns past OW in each wide row are discarded. Only connected pairs are visited (C3: 60 of 96).
 * Backward walks the same pairs: the weight gradient one {@link FloatOps#correlatePlane} of the wide output
 * gradient (zero past OW) with the padded input, collected lane by lane over a worker's samples and added up
 * once at the end of its chunk, and the input gradient a convolvePlane of the zero-led wide gradient with the
 * kernel reversed, over the whole padded plane ({@link FloatOps#convolveBand}: the gradient's zero rows skipped).
 * The padded copy has k − 1 zeros after its last plane: the last wide row's discarded columns read that far. A kernel that covers its whole unpadded input with every
 * pair connected (C5) is a fully connected layer, and {@link VectorLayer#of} builds one instead.
 *
 * <p>A map much narrower than the wide row (C3: 10 of 16 lanes) wastes lanes there, and its first and last four rows
 * take part of the 25 taps each. Both passes over a whole group of samples ({@link #forwardGroup},
 * {@link #backwardGroup}) run in the batch-in-lanes layout instead: the group is interleaved, sample by lane, and
 * every lane does useful work. Forward and input gradient are {@link FloatOps#convolveFiveInLanes} (the same additions
 * in the same order as the wide path, so the same bits), the weight gradient {@link FloatOps#correlateInLanes}. C1's
 * 28 of 32 lanes would not pay for its larger transposes.
 */
final class VectorConvolution extends VectorLayer {
    private final int k;
    private final int pad;
    private final int channels;
    private final int paddedHeight;
    private final int paddedWidth;
    private final int plane;
    /** OH whole wide rows. */
    private final int wideLength;
    /** Every padded input plane, then k − 1 zeros. */
    private final int paddedLength;
    /** Zeros before the wide output gradient, so that the reversed kernel can start at every input position. */
    private final int lead;
    private final int[][] inputsOf;
    private final float[] w;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;
    // scratch layout: [padded x | wide y | lead zeros, wide dy, zeros (lead + plane) | padded dx | reversed kernel |
    //                  weight gradient lanes]
    private final int scratchWide;
    private final int scratchWideGradient;
    private final int scratchPaddedGradient;
    private final int scratchReversed;
    private final int scratchLanes;
    private final int lanes;
    /** Whether a whole group's forward pass runs with the samples in lanes. */
    private final boolean inLanes;
    /** Row of the interleaved input: IW + 2·pad positions of {@code lanes} samples. */
    private final int lanesRow;
    private final int lanesPlane;
    /** Per output map, its connected maps' kernels in w and planes in the interleaved input. */
    private final int[][] kernelsOf;
    private final int[][] lanesPlanesOf;
    /** The output gradient in lanes, inside k − 1 zeros on every side: rows of OW + 2(k − 1) positions. */
    private final int lanesGradientRow;
    private final int lanesGradientPlane;
    /** Per input map, the kernels of the output maps it feeds, reversed (in scratch), and those maps' gradients. */
    private final int[][] reversedKernelsOf;
    private final int[][] gradientPlanesOf;
    private final int scratchGroupInput;
    private final int scratchGroupOutput;
    private final int scratchGroupGradient;
    private final int scratchGroupInputGradient;
    private final int scratchGroupReversed;
    private final int scratchSize;

    VectorConvolution(Convolution spec, Shape in, FloatParameters params, FloatOps ops) {
        super(in, spec.outputShape(in));
        this.k = spec.kernel();
        this.pad = spec.padding();
        this.channels = in.channels();
        this.paddedHeight = in.height() + 2 * pad;
        this.lanes = ops.lanes();
        this.paddedWidth = Math.ceilDiv(in.width() + 2 * pad, lanes) * lanes;
        this.plane = paddedHeight * paddedWidth;
        this.wideLength = out.height() * paddedWidth;
        this.paddedLength = channels * plane + k - 1;
        this.inputsOf = new int[out.channels()][];
        for (int o = 0; o < out.channels(); o++) {
            final int map = o;
            inputsOf[o] = IntStream.range(0, channels).filter(c -> spec.connected(map, c)).toArray();
        }
        this.w = params.value(spec.name() + ".weight");
        this.b = params.value(spec.name() + ".bias");
        this.dw = params.gradientIndex(spec.name() + ".weight");
        this.db = params.gradientIndex(spec.name() + ".bias");
        this.ops = ops;
        this.scratchWide = paddedLength;
        this.lead = (k - 1) * (paddedWidth + 1);
        this.scratchWideGradient = scratchWide + wideLength;
        this.scratchPaddedGradient = scratchWideGradient + lead + plane;
        this.scratchReversed = scratchPaddedGradient + channels * plane;
        this.scratchLanes = scratchReversed + k * k;
        this.lanesRow = (in.width() + 2 * pad) * lanes;
        this.lanesPlane = paddedHeight * lanesRow;
        this.inLanes = k == 5 && lanes > 1 && out.width() >= 5 && 4 * out.width() < 3 * paddedWidth;
        this.kernelsOf = new int[out.channels()][];
        this.lanesPlanesOf = new int[out.channels()][];
        for (int o = 0; o < out.channels(); o++) {
            final int map = o;
            kernelsOf[o] = Arrays.stream(inputsOf[o]).map(c -> weightIndex(map, c, 0)).toArray();
            lanesPlanesOf[o] = Arrays.stream(inputsOf[o]).map(c -> c * lanesPlane).toArray();
        }
        this.lanesGradientRow = (out.width() + 2 * (k - 1)) * lanes;
        this.lanesGradientPlane = (out.height() + 2 * (k - 1)) * lanesGradientRow;
        int group = inLanes ? 1 : 0;
        this.scratchGroupInput = scratchLanes + w.length * lanes;
        this.scratchGroupOutput = scratchGroupInput + group * channels * lanesPlane;
        this.scratchGroupGradient = scratchGroupOutput + group * out.size() * lanes;
        this.scratchGroupInputGradient = scratchGroupGradient + group * out.channels() * lanesGradientPlane;
        this.scratchGroupReversed = scratchGroupInputGradient + group * channels * lanesPlane;
        this.scratchSize = scratchGroupReversed + group * w.length;
        this.reversedKernelsOf = new int[channels][];
        this.gradientPlanesOf = new int[channels][];
        for (int c = 0; c < channels; c++) {
            final int map = c;
            int[] fed = IntStream.range(0, out.channels()).filter(o -> spec.connected(o, map)).toArray();
            reversedKernelsOf[c] = Arrays.stream(fed).map(o -> scratchGroupReversed + weightIndex(o, map, 0)).toArray();
            gradientPlanesOf[c] = Arrays.stream(fed).map(o -> o * lanesGradientPlane).toArray();
        }
    }

    @Override
    int scratchSize() {
        return scratchSize;
    }

    private int weightIndex(int o, int c, int u) {
        return ((o * channels + c) * k + u) * k;
    }

    /** The input with its zero padding, in the wide row stride, at the start of scratch. */
    private float[] padded(float[] x, float[] scratch) {
        Arrays.fill(scratch, 0, paddedLength, 0f);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < in.height(); i++) {
                System.arraycopy(x, (c * in.height() + i) * in.width(), scratch,
                        c * plane + (i + pad) * paddedWidth + pad, in.width());
            }
        }
        return scratch;
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        float[] xp = padded(x, scratch);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            Arrays.fill(scratch, scratchWide, scratchWide + wideLength, b[o]);
            for (int c : inputsOf[o]) {
                ops.convolvePlane(w, weightIndex(o, c, 0), k, xp, c * plane, paddedWidth, scratch, scratchWide, wideLength);
            }
            for (int i = 0; i < oh; i++) {
                System.arraycopy(scratch, scratchWide + i * paddedWidth, y, (o * oh + i) * ow, ow);
            }
        }
    }

    /**
     * A whole group (one sample per lane) in the batch-in-lanes layout, when this layer's maps waste lanes in the wide
     * one; otherwise, or for the last samples of a chunk, one sample at a time.
     */
    @Override
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        if (!inLanes || count < lanes) {
            super.forwardGroup(xs, ys, first, count, scratch);
            return;
        }
        interleave(xs, first, scratch);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j = nextFive(j, ow)) {
                    ops.convolveFiveInLanes(w, kernelsOf[o], b[o], scratch, lanesPlanesOf[o],
                            scratchGroupInput + i * lanesRow + j * lanes, lanesRow, 0, k, scratch,
                            scratchGroupOutput + ((o * oh + i) * ow + j) * lanes);
                }
            }
        }
        for (int p = 0; p < out.size(); p++) {
            int from = scratchGroupOutput + p * lanes;
            for (int s = 0; s < lanes; s++) {
                ys[first + s][p] = scratch[from + s];
            }
        }
    }

    /**
     * Where the five outputs after those at j start: five on, or the row's last five (the outputs written twice get
     * the same value twice); the row's end after those.
     */
    private static int nextFive(int j, int width) {
        int next = Math.min(j + 5, width - 5);
        return next > j ? next : width;
    }

    /** The group's inputs, zero-padded, one sample per lane, at scratchGroupInput. */
    private void interleave(float[][] xs, int first, float[] scratch) {
        if (pad > 0) {
            Arrays.fill(scratch, scratchGroupInput, scratchGroupInput + channels * lanesPlane, 0f);
        }
        int h = in.height();
        int wd = in.width();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < wd; j++) {
                    int p = (c * h + i) * wd + j;
                    int to = scratchGroupInput + c * lanesPlane + (i + pad) * lanesRow + (j + pad) * lanes;
                    for (int s = 0; s < lanes; s++) {
                        scratch[to + s] = xs[first + s][p];
                    }
                }
            }
        }
    }

    /**
     * A whole group in lanes, as {@link #forwardGroup}: the weight gradient one {@link FloatOps#correlateInLanes} per
     * connected pair (each lane gathers its sample's sums into the worker's lanes), the input gradient one
     * {@link FloatOps#convolveFiveInLanes} per five positions of the padded input, over the output maps it feeds, of
     * the zero-surrounded output gradient with their kernels reversed: the additions of the wide path's
     * {@code convolveBand}, in its order. The bias gradient is summed per sample, as there.
     */
    @Override
    void backwardGroup(float[][] xs, float[][] ys, float[][] dys, float[][] dxs, int first, int count,
            float[][] gradients, float[] scratch) {
        if (!inLanes || count < lanes) {
            super.backwardGroup(xs, ys, dys, dxs, first, count, gradients, scratch);
            return;
        }
        interleave(xs, first, scratch);
        interleaveGradient(dys, first, scratch);
        int oh = out.height();
        int ow = out.width();
        float[] gb = gradients[db];
        for (int o = 0; o < out.channels(); o++) {
            for (int s = first; s < first + count; s++) {
                gb[o] += ops.sum(dys[s], o * oh * ow, oh * ow);
            }
            int gradient = scratchGroupGradient + o * lanesGradientPlane + (k - 1) * lanesGradientRow + (k - 1) * lanes;
            for (int c : inputsOf[o]) {
                ops.correlateInLanes(scratch, gradient, lanesGradientRow, oh, ow, scratch,
                        scratchGroupInput + c * lanesPlane, lanesRow, scratch, scratchLanes + weightIndex(o, c, 0) * lanes);
            }
        }
        if (dxs == null) {
            return;
        }
        for (int o = 0; o < out.channels(); o++) {
            for (int c : inputsOf[o]) {
                int kernel = weightIndex(o, c, 0);
                for (int t = 0; t < k * k; t++) {
                    scratch[scratchGroupReversed + kernel + t] = w[kernel + k * k - 1 - t];
                }
            }
        }
        int width = in.width() + 2 * pad;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < paddedHeight; r++) {
                // input row r meets gradient rows r + u − (k − 1); those outside [0, OH) are the zeros around it
                int firstRow = Math.max(0, k - 1 - r);
                int endRow = Math.min(k, out.height() + k - 1 - r);
                for (int m = 0; m < width; m = nextFive(m, width)) {
                    ops.convolveFiveInLanes(scratch, reversedKernelsOf[c], 0f, scratch, gradientPlanesOf[c],
                            scratchGroupGradient + r * lanesGradientRow + m * lanes, lanesGradientRow, firstRow, endRow,
                            scratch,
                            scratchGroupInputGradient + c * lanesPlane + r * lanesRow + m * lanes);
                }
            }
        }
        int h = in.height();
        int wd = in.width();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < wd; j++) {
                    int p = (c * h + i) * wd + j;
                    int from = scratchGroupInputGradient + c * lanesPlane + (i + pad) * lanesRow + (j + pad) * lanes;
                    for (int s = 0; s < lanes; s++) {
                        dxs[first + s][p] = scratch[from + s];
                    }
                }
            }
        }
    }

    /** The group's output gradients, one sample per lane, inside k − 1 zeros, at scratchGroupGradient. */
    private void interleaveGradient(float[][] dys, int first, float[] scratch) {
        Arrays.fill(scratch, scratchGroupGradient, scratchGroupGradient + out.channels() * lanesGradientPlane, 0f);
        int oh = out.height();
        int ow = out.width();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int p = (o * oh + i) * ow + j;
                    int to = scratchGroupGradient + o * lanesGradientPlane + (i + k - 1) * lanesGradientRow
                            + (j + k - 1) * lanes;
                    for (int s = 0; s < lanes; s++) {
                        scratch[to + s] = dys[first + s][p];
                    }
                }
            }
        }
    }

    @Override
    void beginChunk(float[] scratch) {
        Arrays.fill(scratch, scratchLanes, scratchSize, 0f);
    }

    /** The weight gradient's lanes, added up in lane order: deterministic. */
    @Override
    void finishChunk(float[][] gradients, float[] scratch) {
        float[] gw = gradients[dw];
        for (int i = 0; i < gw.length; i++) {
            int base = scratchLanes + i * lanes;
            float sum = 0;
            for (int l = 0; l < lanes; l++) {
                sum += scratch[base + l];
            }
            gw[i] += sum;
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        float[] xp = padded(x, scratch);
        float[] gb = gradients[db];
        int oh = out.height();
        int ow = out.width();
        // the input gradient goes into a padded buffer in the wide stride, then cropped into dx
        if (dx != null) {
            Arrays.fill(scratch, scratchPaddedGradient, scratchPaddedGradient + channels * plane, 0f);
        }
        int wideGradient = scratchWideGradient + lead;
        for (int o = 0; o < out.channels(); o++) {
            Arrays.fill(scratch, scratchWideGradient, scratchWideGradient + lead + plane, 0f);
            for (int i = 0; i < oh; i++) {
                System.arraycopy(dy, (o * oh + i) * ow, scratch, wideGradient + i * paddedWidth, ow);
            }
            gb[o] += ops.sum(dy, o * oh * ow, oh * ow);
            for (int c : inputsOf[o]) {
                ops.correlatePlane(scratch, wideGradient, xp, c * plane, paddedWidth, k, wideLength, scratch,
                        scratchLanes + weightIndex(o, c, 0) * lanes);
                if (dx != null) {
                    int kernel = weightIndex(o, c, 0);
                    for (int t = 0; t < k * k; t++) {
                        scratch[scratchReversed + t] = w[kernel + k * k - 1 - t];
                    }
                    // dx[j] += Σ_{u,v} w[u][v] · dWide[j − u·stride − v] = Σ_{u',v'} wReversed[u'][v'] ·
                    // dPadded[j + u'·stride + v'], over the whole padded plane j in [0, plane)
                    ops.convolveBand(scratch, scratchReversed, k, scratch, scratchWideGradient, paddedWidth, k - 1,
                            k - 1 + oh, scratch, scratchPaddedGradient + c * plane, plane);
                }
            }
        }
        if (dx != null) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < in.height(); i++) {
                    System.arraycopy(scratch, scratchPaddedGradient + c * plane + (i + pad) * paddedWidth + pad, dx,
                            (c * in.height() + i) * in.width(), in.width());
                }
            }
        }
    }
}
