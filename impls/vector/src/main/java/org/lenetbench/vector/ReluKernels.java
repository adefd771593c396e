package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The ReLU family of {@link VectorOps}: max(0, x) forward, and its backward pass from the inputs. */
final class ReluKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private ReluKernels() {
    }

    /** Whole vectors, then the tail element by element: the same bits as {@code Math.max(0f, x)}. */
    static void relu(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(species, x, i).max(0f).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    /** dy where x is above 0, else 0: a compare and a blend per vector, no branch per element. */
    static void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        FloatVector zero = FloatVector.zero(species);
        int i = 0;
        for (int bound = species.loopBound(n); i < bound; i += LANES) {
            FloatVector xv = FloatVector.fromArray(species, x, i);
            zero.blend(FloatVector.fromArray(species, dy, i), xv.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0f;
        }
    }
}
