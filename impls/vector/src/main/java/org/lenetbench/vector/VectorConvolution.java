package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * Convolution in a "wide" layout: an output map is computed with the input's row stride (IW + 2·pad), so
 * that for every connected (output map o, input map c) pair and kernel row u, the whole map gains one
 * {@link FloatOps#convolveRow} of length (OH−1)·IW + OW over the input shifted by u rows. The few columns
 * past OW in each wide row are discarded (C1: 4 of 32). Only connected pairs are visited (C3: 60 of 96).
 * Backward walks the same pairs: the weight gradient a {@link FloatOps#correlateRow} of the wide output
 * gradient (zero past OW) with the shifted input, collected lane by lane over a worker's samples and added up
 * once at the end of its chunk, and the input gradient a convolveRow of it with the kernel row
 * reversed. Padding goes through a zero-padded copy of the input in per-worker scratch.
 */
final class VectorConvolution extends VectorLayer {
    private final int k;
    private final int pad;
    private final int channels;
    private final int paddedHeight;
    private final int paddedWidth;
    private final int plane;
    private final int wideLength;
    private final int[][] inputsOf;
    private final float[] w;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;
    // scratch layout: [padded x | wide y | padded wide dy | padded dx | reversed kernel row | one row's lanes |
    //                  weight gradient lanes]
    private final int scratchWide;
    private final int scratchWideGradient;
    private final int scratchPaddedGradient;
    private final int scratchReversed;
    private final int scratchRowLanes;
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
        this.scratchWideGradient = scratchWide + wideLength;
        this.scratchPaddedGradient = scratchWideGradient + wideLength + 2 * (k - 1);
        this.scratchReversed = scratchPaddedGradient + padded;
        this.lanes = ops.lanes();
        this.scratchRowLanes = scratchReversed + k;
        this.scratchLanes = scratchRowLanes + k * lanes;
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
                for (int u = 0; u < k; u++) {
                    ops.convolveRow(w, weightIndex(o, c, u), k, xp, c * plane + u * paddedWidth, scratch, scratchWide,
                            wideLength);
                }
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
        int wideGradient = scratchWideGradient + k - 1; // k−1 zeros on each side for the reversed convolution
        for (int o = 0; o < out.channels(); o++) {
            Arrays.fill(scratch, scratchWideGradient, scratchWideGradient + wideLength + 2 * (k - 1), 0f);
            for (int i = 0; i < oh; i++) {
                System.arraycopy(dy, (o * oh + i) * ow, scratch, wideGradient + i * paddedWidth, ow);
            }
            gb[o] += ops.sum(dy, o * oh * ow, oh * ow);
            for (int c : inputsOf[o]) {
                for (int u = 0; u < k; u++) {
                    int row = weightIndex(o, c, u);
                    int xRow = c * plane + u * paddedWidth;
                    ops.correlateRow(scratch, wideGradient, xp, xRow, k, wideLength, scratch, scratchRowLanes);
                    ops.axpy(1f, scratch, scratchRowLanes, scratch, scratchLanes + row * lanes, k * lanes);
                    if (dx != null) {
                        for (int v = 0; v < k; v++) {
                            scratch[scratchReversed + v] = w[row + k - 1 - v];
                        }
                        // dx[xRow + q] += Σ_v w[v] · dWide[q − v]  for q in [0, wideLength + k − 1)
                        ops.convolveRow(scratch, scratchReversed, k, scratch, scratchWideGradient, dxp, dxBase + xRow,
                                wideLength + k - 1);
                    }
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
