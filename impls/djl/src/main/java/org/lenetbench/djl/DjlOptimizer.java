package org.lenetbench.djl;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.lenetbench.optim.OptimizerSpec;

/**
 * The harness's SGD-with-momentum and Adam updates ({@link OptimizerSpec}) as in-place NDArray operations.
 * DJL's own Adam folds the bias correction into the learning rate, which puts ε in another place, so the
 * update is written here. Adam's {@code 1 − β^t} is computed in double. Called with autograd off ({@link NoGrad}:
 * in-place updates of the weights fail otherwise), inside the caller's NDScope, which frees the temporaries.
 */
final class DjlOptimizer implements AutoCloseable {
    private final OptimizerSpec spec;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long step;

    DjlOptimizer(OptimizerSpec spec, List<NDArray> weights, NDManager manager) {
        if (!(spec instanceof OptimizerSpec.Sgd || spec instanceof OptimizerSpec.Adam)) {
            throw new UnsupportedOperationException(DjlBackend.SDLM_UNSUPPORTED);
        }
        this.spec = spec;
        for (NDArray w : weights) {
            first.add(manager.zeros(w.getShape()));
            second.add(manager.zeros(w.getShape()));
        }
    }

    /** Updates every weight in place from its gradient; one optimizer step. */
    void update(List<NDArray> weights, List<NDArray> gradients, double learningRate) {
        step++;
        float lr = (float) learningRate;
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            NDArray g = gradients.get(i);
            switch (spec) {
                case OptimizerSpec.Sgd sgd -> {
                    NDArray v = first.get(i).muli((float) sgd.momentum()).addi(g);
                    w.subi(v.mul(lr));
                }
                case OptimizerSpec.Adam adam -> {
                    float correction1 = (float) (1 - Math.pow(adam.beta1(), step));
                    float correction2 = (float) (1 - Math.pow(adam.beta2(), step));
                    NDArray m = first.get(i).muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
                    NDArray v = second.get(i).muli((float) adam.beta2()).addi(g.mul((float) (1 - adam.beta2())).mul(g));
                    NDArray mHat = m.div(correction1);
                    NDArray vHat = v.div(correction2);
                    w.subi(mHat.mul(lr).div(vHat.sqrt().add((float) adam.epsilon())));
                }
                case OptimizerSpec.Sdlm sdlm -> throw new UnsupportedOperationException(DjlBackend.SDLM_UNSUPPORTED);
            }
        }
    }

    @Override
    public void close() {
        first.forEach(NDArray::close);
        second.forEach(NDArray::close);
    }
}
