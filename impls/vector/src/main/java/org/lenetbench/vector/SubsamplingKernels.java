package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The subsampling family of {@link VectorOps}: LeNet's 2×2 summing subsampling forward and backward, sample by
 * sample and with samples in lanes, the tanh's backward pass optionally fused into the latter.
 */
final class SubsamplingKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private SubsamplingKernels() {
    }

    /**
     * A vector of each input row gives half a vector of outputs: the two rows added lane-wise, each lane added to its
     * right neighbour (even lanes now hold the window sums), the even lanes compressed to the front.
     */
    static void subsampleRow(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j += LANES / 2) {
            int outputs = Math.min(LANES / 2, n - j);
            VectorMask<Float> columns = species.indexInRange(0, 2 * outputs);
            FloatVector sums = windowSums(x, a + 2 * j, b + 2 * j, columns);
            sums.mul(scale).add(shift).intoArray(y, yOff + j, species.indexInRange(0, outputs));
        }
    }

    /** Every lane a sample: a window's four inputs are four whole vectors, and no lane is idle. */
    static void subsampleRowInLanes(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
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
    static float subsampleBackward(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
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
        return VectorLanes.sumLanes(scaleGradient);
    }

    /**
     * Every lane a sample: a window's four inputs and four input gradients are whole vectors. Through a tanh, each
     * input gradient is also multiplied by the tanh's derivative at its input: slope − drop·x² ({@link
     * RationalTanh#derivative}), written out (see {@link FloatOps#scaledTanhBackward}).
     */
    static float subsampleBackwardInLanes(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n,
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
        return VectorLanes.sumLanes(scaleGradient);
    }

    /**
     * The window sums of the columns under the mask, in the low half of the lanes (zeros above). Two helpers under
     * 35 bytecodes, so that both are inlined wherever called (see {@link VectorLanes#sumLanes}): no vector is boxed.
     */
    private static FloatVector windowSums(float[] x, int a, int b, VectorMask<Float> columns) {
        return pairsToFront(rowSums(x, a, b, columns));
    }

    private static FloatVector rowSums(float[] x, int a, int b, VectorMask<Float> columns) {
        return FloatVector.fromArray(species, x, a, columns).add(FloatVector.fromArray(species, x, b, columns));
    }

    /** Each even lane plus its right neighbour, compressed to the front. */
    private static FloatVector pairsToFront(FloatVector rows) {
        return VectorLanes.plus(rows, VectorLanes.FROM_1_ON).compress(EVEN_LANES);
    }

    private static final VectorMask<Float> EVEN_LANES = VectorMask.fromLong(species, 0x5555_5555_5555_5555L);

    private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(species, i -> i / 2);
}
