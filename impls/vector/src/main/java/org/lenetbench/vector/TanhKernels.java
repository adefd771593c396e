package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation family of {@link VectorOps}: the scaled tanh ({@link RationalTanh}) forward and its backward pass
 * from the outputs.
 */
final class TanhKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private TanhKernels() {
    }

    static void scaledTanh(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n % LANES == 0 || (x != y && n > LANES)) {
            tanhOfWholeVectors(f, x, xOff, y, yOff, n);
        } else {
            tanhElementwise(f, x, xOff, y, yOff, n);
        }
    }

    /**
     * Whole vectors only, the last one moved back to end at n where n is not a multiple of the lanes (its first
     * elements computed twice, to the same bits; so never in place). The rational function is written out in the
     * loop: a helper taking the vector was, in some compilations, left out of line ("callee is too large" while its
     * profile was cold, or NodeCountInliningCutoff once inlined into a big caller; {@code -XX:+PrintInlining}), and
     * the vectors crossing it were boxed (24–49 KB per training step). Steps as {@link RationalTanh#applyFused}.
     */
    private static void tanhOfWholeVectors(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            int at = Math.min(i, n - LANES);
            FloatVector t = FloatVector.fromArray(species, x, xOff + at).max(-f.clamp).min(f.clamp);
            FloatVector t2 = t.mul(t);
            FloatVector p = t2.fma(f.p13, f.p11);
            p = p.fma(t2, FloatVector.broadcast(species, f.p9));
            p = p.fma(t2, FloatVector.broadcast(species, f.p7));
            p = p.fma(t2, FloatVector.broadcast(species, f.p5));
            p = p.fma(t2, FloatVector.broadcast(species, f.p3));
            p = p.fma(t2, FloatVector.broadcast(species, f.p1));
            p = p.mul(t);
            FloatVector q = t2.fma(f.q6, f.q4);
            q = q.fma(t2, FloatVector.broadcast(species, f.q2));
            q = q.fma(t2, FloatVector.broadcast(species, f.q0));
            p.div(q).intoArray(y, yOff + at);
        }
    }

    /** In place with a tail, or shorter than a vector (no layer of these models): the same bits, element by element. */
    private static void tanhElementwise(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = f.applyFused(x[xOff + i]);
        }
    }

    /**
     * {@link RationalTanh#derivative} times dy, lane by lane: no division. No helper takes a vector here: inlined into
     * a big compilation, even an 11-byte one was once left out of line (NodeCountInliningCutoff) and its vectors
     * boxed (49 KB per training step).
     */
    static void scaledTanhBackward(RationalTanh f, float[] y, float[] dy, float[] dx, int n) {
        FloatVector slope = FloatVector.broadcast(species, f.slope());
        FloatVector minusDrop = FloatVector.broadcast(species, -f.drop());
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(species, y, i);
            v.mul(v).fma(minusDrop, slope).mul(FloatVector.fromArray(species, dy, i)).intoArray(dx, i);
        }
        if (i < n) {
            VectorMask<Float> m = species.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(species, y, i, m);
            v.mul(v).fma(minusDrop, slope).mul(FloatVector.fromArray(species, dy, i, m)).intoArray(dx, i, m);
        }
    }
}
