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
 * <p>This wide path takes single samples: the last ones of a chunk, and every sample of the layers where the
 * batch-in-lanes path does not pay. Whole groups go to {@link InLanesConvolution} where it does (C3, whose 10-wide
 * maps use 10 of 16 lanes here and whose first and last four rows take part of the 25 taps each), and always where
 * the network's trunk hands them over already in lanes ({@link #forwardInLanes}, {@link #backwardInLanes}).
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
    //                  weight gradient lanes | the in-lanes path's, if any]
    private final int scratchWide;
    private final int scratchWideGradient;
    private final int scratchPaddedGradient;
    private final int scratchReversed;
    private final int scratchLanes;
    private final int scratchLanesEnd;
    private final int lanes;
    /** The batch-in-lanes path for whole groups, or null where it does not pay. */
    private final InLanesConvolution lanesPath;
    /** Whether the backward pass goes through {@link #lanesPath} too, or only the forward pass. */
    private final boolean backwardInLanes;
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
        this.scratchLanesEnd = scratchLanes + w.length * lanes;
        this.backwardInLanes = InLanesConvolution.pays(k, lanes, out.width(), paddedWidth);
        if (backwardInLanes || InLanesConvolution.paysForward(k, lanes, out.width())) {
            this.lanesPath = new InLanesConvolution(spec, in, out, inputsOf, w, b, ops, scratchLanesEnd,
                    backwardInLanes);
            this.scratchSize = lanesPath.scratchEnd();
        } else {
            this.lanesPath = null;
            this.scratchSize = scratchLanesEnd;
        }
    }

    @Override
    int scratchSize() {
        return scratchSize;
    }

    private int weightIndex(int o, int c, int u) {
        return kernelOffset(o, c, channels, k) + u * k;
    }

    /** Where the k×k kernel of output map o and input map c starts in the weights. */
    static int kernelOffset(int o, int c, int channels, int k) {
        return (o * channels + c) * k * k;
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

    /** A whole group in lanes where that pays; otherwise, or for a chunk's last samples, one sample at a time. */
    @Override
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        if (lanesPath == null || count < lanes) {
            super.forwardGroup(xs, ys, first, count, scratch);
        } else {
            lanesPath.forward(xs, ys, first, scratch);
        }
    }

    /** As {@link #forwardGroup}; the weight gradient goes into the worker's lanes either way. */
    @Override
    void backwardGroup(float[][] xs, float[][] ys, float[][] dys, float[][] dxs, int first, int count,
            float[][] gradients, float[] scratch) {
        if (!backwardInLanes || count < lanes) {
            super.backwardGroup(xs, ys, dys, dxs, first, count, gradients, scratch);
        } else {
            lanesPath.backward(xs, dys, dxs, first, gradients[db], scratch, scratchLanes);
        }
    }

    /**
     * Where the batch-in-lanes path exists; with the input gradient, only where that pays and without padding (the
     * padded convolutions of these models, the modern LeNet-5's C1, are first layers).
     */
    @Override
    boolean inLanes(boolean withInputGradient) {
        return lanesPath != null && (!withInputGradient || (backwardInLanes && pad == 0));
    }

    /** Each output row, squashed as soon as it is complete. */
    @Override
    boolean squashesInLanes() {
        return lanesPath != null;
    }

    @Override
    void forwardInLanes(float[] x, float[] y, float[] scratch, RationalTanh squash) {
        lanesPath.forwardInLanes(x, y, scratch, squash);
    }

    @Override
    void backwardInLanes(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch,
            RationalTanh squashedInput) {
        if (squashedInput != null) {
            throw new IllegalArgumentException("a convolution's input gradient does not unsquash");
        }
        lanesPath.backwardInLanes(x, dy, dx, gradients[db], scratch, scratchLanes);
    }

    @Override
    void beginChunk(float[] scratch) {
        Arrays.fill(scratch, scratchLanes, scratchLanesEnd, 0f);
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
