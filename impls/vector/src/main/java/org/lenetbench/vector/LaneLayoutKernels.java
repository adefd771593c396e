package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The layout family of {@link VectorOps}: samples into and out of the batch-in-lanes layout, where lane g of
 * every vector belongs to sample g (16 × 16 transposes by shuffles on 512-bit vectors, float by float elsewhere).
 */
final class LaneLayoutKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private LaneLayoutKernels() {
    }

    /** With 16 lanes, 16 positions at a time by {@link #transpose16}; otherwise, and for the last positions, one float at a time. */
    static void interleave(float[][] samples, int first, int from, int n, float[] out, int outOff) {
        int p = 0;
        if (LANES == 16) {
            for (; p + 16 <= n; p += 16) {
                transpose16(samples, first, from + p, out, outOff + p * 16, true);
            }
        }
        for (; p < n; p++) {
            for (int s = 0; s < LANES; s++) {
                out[outOff + p * LANES + s] = samples[first + s][from + p];
            }
        }
    }

    static void deinterleave(float[] in, int inOff, int n, float[][] samples, int first, int to) {
        int p = 0;
        if (LANES == 16) {
            for (; p + 16 <= n; p += 16) {
                transpose16(samples, first, to + p, in, inOff + p * 16, false);
            }
        }
        for (; p < n; p++) {
            for (int s = 0; s < LANES; s++) {
                samples[first + s][to + p] = in[inOff + p * LANES + s];
            }
        }
    }

    // lane 2i takes lane i of the first vector, lane 2i + 1 lane i of the second (ZIP_LOW), or lanes 8 + i (ZIP_HIGH)
    private static final float[] ZIP_LOW = zipIndexes(0);

    private static final float[] ZIP_HIGH = zipIndexes(LANES / 2);

    private static float[] zipIndexes(int from) {
        float[] indexes = new float[LANES];
        for (int i = 0; i < LANES / 2; i++) {
            indexes[2 * i] = from + i;
            indexes[2 * i + 1] = LANES + from + i;
        }
        return indexes;
    }

    /**
     * A 16×16 block between 16 samples' rows (16 floats each from {@code at}) and 16 interleaved positions at
     * {@code flat[flatOff ..]}, either way: a transpose is its own inverse. Four rounds of zipping row i with row i + 8
     * into rows 2i and 2i + 1 (two-vector permutes) transpose it; the vectors stay in this method (see
     * {@link VectorLanes#sumLanes} on vectors crossing calls). About 0.15 ns per float here, 5× a loop of scalar copies.
     */
    private static void transpose16(float[][] samples, int first, int at, float[] flat, int flatOff, boolean intoFlat) {
        FloatVector r0 = row(samples[first + 0], at, flat, flatOff + 0, intoFlat);
        FloatVector r1 = row(samples[first + 1], at, flat, flatOff + 16, intoFlat);
        FloatVector r2 = row(samples[first + 2], at, flat, flatOff + 32, intoFlat);
        FloatVector r3 = row(samples[first + 3], at, flat, flatOff + 48, intoFlat);
        FloatVector r4 = row(samples[first + 4], at, flat, flatOff + 64, intoFlat);
        FloatVector r5 = row(samples[first + 5], at, flat, flatOff + 80, intoFlat);
        FloatVector r6 = row(samples[first + 6], at, flat, flatOff + 96, intoFlat);
        FloatVector r7 = row(samples[first + 7], at, flat, flatOff + 112, intoFlat);
        FloatVector r8 = row(samples[first + 8], at, flat, flatOff + 128, intoFlat);
        FloatVector r9 = row(samples[first + 9], at, flat, flatOff + 144, intoFlat);
        FloatVector r10 = row(samples[first + 10], at, flat, flatOff + 160, intoFlat);
        FloatVector r11 = row(samples[first + 11], at, flat, flatOff + 176, intoFlat);
        FloatVector r12 = row(samples[first + 12], at, flat, flatOff + 192, intoFlat);
        FloatVector r13 = row(samples[first + 13], at, flat, flatOff + 208, intoFlat);
        FloatVector r14 = row(samples[first + 14], at, flat, flatOff + 224, intoFlat);
        FloatVector r15 = row(samples[first + 15], at, flat, flatOff + 240, intoFlat);
        FloatVector lo = FloatVector.fromArray(species, ZIP_LOW, 0);
        FloatVector hi = FloatVector.fromArray(species, ZIP_HIGH, 0);
        for (int round = 0; round < 4; round++) {
            FloatVector n0 = lo.selectFrom(r0, r8);
            FloatVector n1 = hi.selectFrom(r0, r8);
            FloatVector n2 = lo.selectFrom(r1, r9);
            FloatVector n3 = hi.selectFrom(r1, r9);
            FloatVector n4 = lo.selectFrom(r2, r10);
            FloatVector n5 = hi.selectFrom(r2, r10);
            FloatVector n6 = lo.selectFrom(r3, r11);
            FloatVector n7 = hi.selectFrom(r3, r11);
            FloatVector n8 = lo.selectFrom(r4, r12);
            FloatVector n9 = hi.selectFrom(r4, r12);
            FloatVector n10 = lo.selectFrom(r5, r13);
            FloatVector n11 = hi.selectFrom(r5, r13);
            FloatVector n12 = lo.selectFrom(r6, r14);
            FloatVector n13 = hi.selectFrom(r6, r14);
            FloatVector n14 = lo.selectFrom(r7, r15);
            FloatVector n15 = hi.selectFrom(r7, r15);
            r0 = n0;
            r1 = n1;
            r2 = n2;
            r3 = n3;
            r4 = n4;
            r5 = n5;
            r6 = n6;
            r7 = n7;
            r8 = n8;
            r9 = n9;
            r10 = n10;
            r11 = n11;
            r12 = n12;
            r13 = n13;
            r14 = n14;
            r15 = n15;
        }
        store(r0, samples[first + 0], at, flat, flatOff + 0, intoFlat);
        store(r1, samples[first + 1], at, flat, flatOff + 16, intoFlat);
        store(r2, samples[first + 2], at, flat, flatOff + 32, intoFlat);
        store(r3, samples[first + 3], at, flat, flatOff + 48, intoFlat);
        store(r4, samples[first + 4], at, flat, flatOff + 64, intoFlat);
        store(r5, samples[first + 5], at, flat, flatOff + 80, intoFlat);
        store(r6, samples[first + 6], at, flat, flatOff + 96, intoFlat);
        store(r7, samples[first + 7], at, flat, flatOff + 112, intoFlat);
        store(r8, samples[first + 8], at, flat, flatOff + 128, intoFlat);
        store(r9, samples[first + 9], at, flat, flatOff + 144, intoFlat);
        store(r10, samples[first + 10], at, flat, flatOff + 160, intoFlat);
        store(r11, samples[first + 11], at, flat, flatOff + 176, intoFlat);
        store(r12, samples[first + 12], at, flat, flatOff + 192, intoFlat);
        store(r13, samples[first + 13], at, flat, flatOff + 208, intoFlat);
        store(r14, samples[first + 14], at, flat, flatOff + 224, intoFlat);
        store(r15, samples[first + 15], at, flat, flatOff + 240, intoFlat);
    }

    /**
     * A row of the block: a sample's 16 floats, or an interleaved position. One load from whichever array: a vector
     * chosen between two loads would meet at a phi, and C2 boxed it there (2 MB per C3 batch of 64). Under 35
     * bytecodes: always inlined.
     */
    private static FloatVector row(float[] sample, int at, float[] flat, int flatAt, boolean fromSample) {
        return FloatVector.fromArray(species, fromSample ? sample : flat, fromSample ? at : flatAt);
    }

    /** A transposed row: an interleaved position, or a sample's 16 floats; one store, as {@link #row} loads. */
    private static void store(FloatVector v, float[] sample, int at, float[] flat, int flatAt, boolean intoFlat) {
        v.intoArray(intoFlat ? flat : sample, intoFlat ? flatAt : at);
    }
}
