package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The subsampling family of {@link VectorOps}: LeNet's 2×2 summing subsampling forward and backward, sample by
 * sample and with samples in lanes, the tanh's backward pass optionally fused into the latter; 2×2 max-pooling with
 * samples in lanes.
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

    /** Every lane a sample: a window's four inputs are four whole vectors, compared in the scalar argmax's order. */
    static void maxPoolRowInLanes(float[] x, int a, int b, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            int even = 2 * j * LANES;
            FloatVector best = FloatVector.fromArray(species, x, a + even);
            best = larger(best, FloatVector.fromArray(species, x, a + even + LANES));
            best = larger(best, FloatVector.fromArray(species, x, b + even));
            larger(best, FloatVector.fromArray(species, x, b + even + LANES)).intoArray(y, yOff + j * LANES);
        }
    }

    /** {@code next} in the lanes where it is larger than {@code best}: a tie keeps the earlier input. */
    private static FloatVector larger(FloatVector best, FloatVector next) {
        return best.blend(next, next.compare(VectorOperators.GT, best));
    }

    /** The same comparisons as the forward pass give each lane's winner; the gradient goes there, 0 elsewhere. */
    static void maxPoolBackwardRowInLanes(float[] x, int a, int b, float[] g, int gOff, float[] dx, int n) {
        FloatVector zero = FloatVector.zero(species);
        for (int j = 0; j < n; j++) {
            int even = 2 * j * LANES;
            FloatVector x0 = FloatVector.fromArray(species, x, a + even);
            FloatVector x1 = FloatVector.fromArray(species, x, a + even + LANES);
            FloatVector x2 = FloatVector.fromArray(species, x, b + even);
            FloatVector x3 = FloatVector.fromArray(species, x, b + even + LANES);
            VectorMask<Float> over0 = x1.compare(VectorOperators.GT, x0);
            FloatVector best = x0.blend(x1, over0);
            VectorMask<Float> over1 = x2.compare(VectorOperators.GT, best);
            VectorMask<Float> over2 = x3.compare(VectorOperators.GT, best.blend(x2, over1));
            FloatVector gv = FloatVector.fromArray(species, g, gOff + j * LANES);
            zero.blend(gv, over0.or(over1).or(over2).not()).intoArray(dx, a + even);
            zero.blend(gv, over0.andNot(over1).andNot(over2)).intoArray(dx, a + even + LANES);
            zero.blend(gv, over1.andNot(over2)).intoArray(dx, b + even);
            zero.blend(gv, over2).intoArray(dx, b + even + LANES);
        }
    }
}
