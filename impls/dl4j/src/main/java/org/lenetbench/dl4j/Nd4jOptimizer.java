package org.lenetbench.dl4j;

import java.util.ArrayList;
import java.util.List;

import org.lenetbench.optim.OptimizerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The harness's SGD-with-momentum and Adam updates ({@link OptimizerSpec}) as in-place ND4J ops on the
 * parameters' own arrays. ND4J's Adam folds the bias corrections into the learning rate, which moves ε; this one
 * computes {@code w ← w − η·m̂ / (√v̂ + ε)} exactly as the harness defines it. The scalars (η, 1 − β, bias
 * corrections) are computed in double and applied in float. Nothing is allocated per step: each parameter has
 * its slots and one scratch array.
 */
final class Nd4jOptimizer implements AutoCloseable {
    private final OptimizerSpec spec;
    private final List<INDArray> first = new ArrayList<>();  // SGD: velocity; Adam: m
    private final List<INDArray> second = new ArrayList<>(); // Adam: v
    private final List<INDArray> scratch = new ArrayList<>();
    private long step;

    Nd4jOptimizer(OptimizerSpec spec, List<INDArray> parameters) {
        if (!(spec instanceof OptimizerSpec.Sgd) && !(spec instanceof OptimizerSpec.Adam)) {
            throw new UnsupportedOperationException(spec instanceof OptimizerSpec.Sdlm ? Dl4jBackend.SDLM_UNSUPPORTED
                    : "dl4j: optimizer " + spec.id() + " is not implemented");
        }
        this.spec = spec;
        for (INDArray p : parameters) {
            first.add(p.ulike());
            scratch.add(p.ulike());
            if (spec instanceof OptimizerSpec.Adam) {
                second.add(p.ulike());
            }
        }
        first.forEach(a -> a.assign(0));
        second.forEach(a -> a.assign(0));
    }

    /** One step: {@code parameters.get(i)} is updated in place with {@code gradients.get(i)}. */
    void update(List<INDArray> parameters, List<INDArray> gradients, double learningRate) {
        step++;
        for (int i = 0; i < parameters.size(); i++) {
            INDArray w = parameters.get(i), g = gradients.get(i), tmp = scratch.get(i);
            switch (spec) {
                case OptimizerSpec.Sgd sgd -> {
                    INDArray v = first.get(i).muli(sgd.momentum()).addi(g);
                    w.subi(tmp.assign(v).muli(learningRate));
                }
                case OptimizerSpec.Adam adam -> {
                    INDArray m = first.get(i).muli(adam.beta1()).addi(tmp.assign(g).muli(1 - adam.beta1()));
                    INDArray v = second.get(i).muli(adam.beta2()).addi(tmp.assign(g).muli(g).muli(1 - adam.beta2()));
                    double correction1 = 1 - Math.pow(adam.beta1(), step);
                    double correction2 = 1 - Math.pow(adam.beta2(), step);
                    INDArray denominator = Transforms.sqrt(tmp.assign(v).divi(correction2), false).addi(adam.epsilon());
                    // w ← w − η·(m / c1) / (√(v / c2) + ε); tmp becomes the step, then is subtracted
                    w.subi(denominator.rdivi(m).divi(correction1).muli(learningRate));
                }
                default -> throw new IllegalStateException("unreachable");
            }
        }
    }

    @Override
    public void close() {
        first.forEach(INDArray::close);
        second.forEach(INDArray::close);
        scratch.forEach(INDArray::close);
    }
}
