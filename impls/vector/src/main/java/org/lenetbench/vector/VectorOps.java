package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatOps} with the Vector API: full vectors with fused multiply-add, then one masked vector for
 * the tail (LeNet's rows are 10 to 28 floats: a scalar tail would be most of the work).
 *
 * <p>The species is a {@code static final} constant, chosen once when the class loads: the preferred one,
 * or a narrower one given by {@code -Dlenet.vector.bits=128|256} (how the tests run the narrower paths, as
 * Lucene does). It must be a constant: with the species in an instance field C2 cannot compile the vector
 * operations to vector instructions, and every vector is boxed (measured: C1 forward 40× slower).
 */
final class VectorOps implements FloatOps {
    static final String BITS_PROPERTY = "lenet.vector.bits";
    private static final VectorSpecies<Float> species = chooseSpecies();
    static final VectorOps INSTANCE = new VectorOps();

    private VectorOps() {
    }

    private static VectorSpecies<Float> chooseSpecies() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        VectorSpecies<Float> forced = VectorSpecies.of(float.class,
                jdk.incubator.vector.VectorShape.forBitSize(Integer.parseInt(bits.strip())));
        if (forced.vectorBitSize() > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + " is wider than this CPU's "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors");
        }
        return forced;
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(species, a);
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i);
            xv.fma(av, yv).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector xv = FloatVector.fromArray(species, x, xOff + i, m);
            FloatVector yv = FloatVector.fromArray(species, y, yOff + i, m);
            xv.fma(av, yv).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector acc = FloatVector.zero(species);
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            acc = FloatVector.fromArray(species, x, xOff + i).fma(FloatVector.fromArray(species, y, yOff + i), acc);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            acc = FloatVector.fromArray(species, x, xOff + i, m).fma(FloatVector.fromArray(species, y, yOff + i, m), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(species);
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i));
        }
        if (i < n) {
            acc = acc.add(FloatVector.fromArray(species, x, off + i, species.indexInRange(i, n)));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n) {
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            FloatVector acc = FloatVector.fromArray(species, y, yOff + i);
            for (int v = 0; v < k; v++) {
                acc = FloatVector.fromArray(species, x, xOff + i + v).fma(FloatVector.broadcast(species, w[wOff + v]), acc);
            }
            acc.intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector acc = FloatVector.fromArray(species, y, yOff + i, m);
            for (int v = 0; v < k; v++) {
                acc = FloatVector.fromArray(species, x, xOff + i + v, m).fma(FloatVector.broadcast(species, w[wOff + v]), acc);
            }
            acc.intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void scaledTanh(float a, float s, float[] x, float[] y, int n) {
        int step = species.length();
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += step) {
            FloatVector.fromArray(species, x, i).mul(s).lanewise(VectorOperators.TANH).mul(a).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector.fromArray(species, x, i, m).mul(s).lanewise(VectorOperators.TANH).mul(a).intoArray(y, i, m);
        }
    }

    @Override
    public int lanes() {
        return species.length();
    }
}
