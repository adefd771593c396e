package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * Convolution in a "wide" layout: an output map is computed with the input's row stride (IW + 2·pad), so
 * that for every connected (output map o, input map c) pair the whole map gains one
 * {@link FloatOps#convolvePlane} of length (OH−1)·IW + OW, all k×k taps at once. The few columns
 * past OW in each wide row are discarded (C1: 4 of 32). Only connected pairs are visited (C3: 60 of 96).
 * Backward walks the same pairs: the weight gradient a {@link FloatOps#correlateRow} per kernel row of the wide
 * output gradient (zero past OW) with the shifted input, collected lane by lane over a worker's samples and added
 * up once at the end of its chunk, and the input gradient a convolvePlane of the zero-led wide gradient with the
 * kernel reversed, over the whole input plane. Padding goes through a zero-padded copy of the input in per-worker
 * scratch. A kernel that covers its whole unpadded input with every pair connected (C5) is a fully connected
 * layer, and {@link VectorLayer#of} builds one instead.
 */
final class VectorConvolution extends VectorLayer {
    private final int k;
    private final int pad;
    private final int channels;
    private final int paddedHeight;
    private final int paddedWidth;
    private final int plane;
    private final int wideLength;
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
    private final int scratchSize;

    VectorConvolution(Convolution spec, Shape in, FloatParameters params, FloatOps ops) {
        super(in, spec.outputShape(in));
        this.k = spec.kernel();
        this.pad = spec.padding();
        this.channels = in.channels();
        this.paddedHeight = in.height() + 2 * pad;
        this.paddedWidth = in.width() + 2 * pad;
        this.plane = paddedHeight * paddedWidth;
        this.wideLength = (out.height() - 1) * paddedWidth + out.width();
        this.inputsOf = new int[out.channels()][];
        for (int o = 0; o < out.channels(); o++) {
            final int map = o;
            inputsOf[o] = java.util.stream.IntStream.range(0, channels).filter(c -> spec.connected(map, c)).toArray();
        }
        this.w = params.value(spec.name() + ".weight");
        this.b = params.value(spec.name() + ".bias");
        this.dw = params.gradientIndex(spec.name() + ".weight");
        this.db = params.gradientIndex(spec.name() + ".bias");
        this.ops = ops;
        int padded = pad > 0 ? channels * plane : 0;
        this.scratchWide = padded;
        this.lead = (k - 1) * (paddedWidth + 1);
        this.scratchWideGradient = scratchWide + wideLength;
        this.scratchPaddedGradient = scratchWideGradient + lead + plane;
        this.scratchReversed = scratchPaddedGradient + padded;
        this.lanes = ops.lanes();
        this.scratchLanes = scratchReversed + k * k;
        this.scratchSize = scratchLanes + w.length * lanes;
    }

    @Override
    int scratchSize() {
        return scratchSize;
    }

    private int weightIndex(int o, int c, int u) {
        return ((o * channels + c) * k + u) * k;
    }

    /** The input with its zero padding: x itself when there is none. */
    private float[] padded(float[] x, float[] scratch) {
        if (pad == 0) {
            return x;
        }
        Arrays.fill(scratch, 0, channels * plane, 0f);
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
        // the input gradient goes straight into dx without padding, else into a padded buffer then cropped
        float[] dxp = pad == 0 ? dx : scratch;
        int dxBase = pad == 0 ? 0 : scratchPaddedGradient;
        if (dx != null) {
            Arrays.fill(dxp, dxBase, dxBase + channels * plane, 0f);
        }
        int wideGradient = scratchWideGradient + lead;
        for (int o = 0; o < out.channels(); o++) {
            Arrays.fill(scratch, scratchWideGradient, scratchWideGradient + lead + plane, 0f);
            for (int i = 0; i < oh; i++) {
                System.arraycopy(dy, (o * oh + i) * ow, scratch, wideGradient + i * paddedWidth, ow);
            }
            gb[o] += ops.sum(dy, o * oh * ow, oh * ow);
            for (int c : inputsOf[o]) {
                for (int u = 0; u < k; u++) {
                    int row = weightIndex(o, c, u);
                    ops.correlateRow(scratch, wideGradient, xp, c * plane + u * paddedWidth, k, wideLength, scratch,
                            scratchLanes + row * lanes);
                }
                if (dx != null) {
                    int kernel = weightIndex(o, c, 0);
                    for (int t = 0; t < k * k; t++) {
                        scratch[scratchReversed + t] = w[kernel + k * k - 1 - t];
                    }
                    // dx[j] += Σ_{u,v} w[u][v] · dWide[j − u·stride − v] = Σ_{u',v'} wReversed[u'][v'] ·
                    // dPadded[j + u'·stride + v'], over the whole padded plane j in [0, plane)
                    ops.convolvePlane(scratch, scratchReversed, k, scratch, scratchWideGradient, paddedWidth, dxp,
                            dxBase + c * plane, plane);
                }
            }
        }
        if (dx != null && pad > 0) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < in.height(); i++) {
                    System.arraycopy(scratch, scratchPaddedGradient + c * plane + (i + pad) * paddedWidth + pad, dx,
                            (c * in.height() + i) * in.width(), in.width());
                }
            }
        }
    }
}
