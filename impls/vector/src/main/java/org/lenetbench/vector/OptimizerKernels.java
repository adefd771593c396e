package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The optimizer family of {@link VectorOps}: Adam's update over a range of parameters. */
final class OptimizerKernels {
    private static final VectorSpecies<Float> species = VectorLanes.SPECIES;
    private static final int LANES = VectorLanes.COUNT;

    private OptimizerKernels() {
    }

    /**
     * Whole vectors, then the tail element by element, each element with the scalar form's operations in its order
     * (multiplies and adds apart, a correctly rounded square root and division): the same bits as
     * {@link ScalarOps#adamStep}. Where gradients are zero the moments decay through float's subnormal range, which
     * some cores take a slow path for: a vector instruction takes it once for all its lanes.
     */
    static void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float b2, float c1,
            float c2, float lr, float eps) {
        float a1 = 1 - b1;
        float a2 = 1 - b2;
        int i = from;
        for (int bound = from + species.loopBound(to - from); i < bound; i += LANES) {
            FloatVector gv = FloatVector.fromArray(species, g, i);
            FloatVector mv = FloatVector.fromArray(species, m, i).mul(b1).add(gv.mul(a1));
            FloatVector vv = FloatVector.fromArray(species, v, i).mul(b2).add(gv.mul(a2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector step = mv.mul(c1).mul(lr).div(vv.mul(c2).sqrt().add(eps));
            FloatVector.fromArray(species, w, i).sub(step).intoArray(w, i);
        }
        for (; i < to; i++) {
            m[i] = b1 * m[i] + a1 * g[i];
            v[i] = b2 * v[i] + a2 * g[i] * g[i];
            w[i] -= lr * (m[i] * c1) / ((float) Math.sqrt(v[i] * c2) + eps);
        }
    }
}
