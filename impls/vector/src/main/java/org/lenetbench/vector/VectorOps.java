package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatOps} with the Vector API: full vectors with fused multiply-add, then a scalar tail. The
 * species is the preferred one unless a test asks for a narrower one.
 */
final class VectorOps implements FloatOps {
    private final VectorSpecies<Float> species;

    VectorOps(VectorSpecies<Float> species) {
        this.species = species;
    }

    static VectorOps preferred() {
        return new VectorOps(FloatVector.SPECIES_PREFERRED);
    }

    /** A species of {@code bits} (64, 128, 256, 512) for tests of the narrower paths. */
    static VectorOps ofBits(int bits) {
        return new VectorOps(VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(bits)));
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = species.loopBound(n);
        FloatVector av = FloatVector.broadcast(species, a);
        for (; i < bound; i += species.length()) {
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i);
            xv.fma(av, yv).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = species.loopBound(n);
        FloatVector acc = FloatVector.zero(species);
        for (; i < bound; i += species.length()) {
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i);
            acc = xv.fma(yv, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int off, int n) {
        int i = 0;
        int bound = species.loopBound(n);
        FloatVector acc = FloatVector.zero(species);
        for (; i < bound; i += species.length()) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public int lanes() {
        return species.length();
    }
}
