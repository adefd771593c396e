package org.lenetbench.tfjava;

import java.util.ArrayList;
import java.util.List;

import org.lenetbench.optim.OptimizerSpec;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The harness's SGD-with-momentum and Adam updates ({@link OptimizerSpec}) written as graph ops, so that
 * TensorFlow computes exactly the same update as every other backend (its own ApplyAdam folds the bias
 * correction into the learning rate and so puts ε in another place). The hyper-parameters and Adam's bias
 * corrections {@code 1 − β^t} are fed as scalars computed in double on the Java side; the slots
 * (momentum, moments) are variables of the graph. Every update waits for every gradient: nothing is
 * written while a gradient may still read the old value.
 */
final class TfOptimizer {
    /** Fed scalars; their meaning depends on the optimizer (see {@link #feedValues}). */
    private final List<Placeholder<TFloat32>> scalars = new ArrayList<>();
    private final List<Variable<TFloat32>> slots = new ArrayList<>();
    private final Op update;
    private final Op reset;
    private final OptimizerSpec.Adam adam; // null for SGD
    private long step;

    private TfOptimizer(Ops tf, OptimizerSpec spec, List<TfParameter> trainable, List<Operand<TFloat32>> gradients,
            List<Op> gradientsDone) {
        Ops gated = tf.withControlDependencies(gradientsDone);
        List<Op> updates = new ArrayList<>();
        if (spec instanceof OptimizerSpec.Adam a) {
            adam = a;
            Operand<TFloat32> lr = scalar(tf, "lr"), beta1 = scalar(tf, "beta1"), oneMinusBeta1 = scalar(tf, "one_minus_beta1"),
                    beta2 = scalar(tf, "beta2"), oneMinusBeta2 = scalar(tf, "one_minus_beta2"), epsilon = scalar(tf, "epsilon"),
                    correction1 = scalar(tf, "correction1"), correction2 = scalar(tf, "correction2");
            for (int i = 0; i < trainable.size(); i++) {
                TfParameter p = trainable.get(i);
                Operand<TFloat32> g = gradients.get(i);
                Variable<TFloat32> m = slot(tf, p, "adam_m"), v = slot(tf, p, "adam_v");
                Operand<TFloat32> mNew = gated.assign(m, gated.math.add(gated.math.mul(m, beta1), gated.math.mul(g, oneMinusBeta1)));
                Operand<TFloat32> vNew = gated.assign(v,
                        gated.math.add(gated.math.mul(v, beta2), gated.math.mul(gated.math.mul(g, oneMinusBeta2), g)));
                Operand<TFloat32> mHat = gated.math.div(mNew, correction1);
                Operand<TFloat32> vHat = gated.math.div(vNew, correction2);
                Operand<TFloat32> delta = gated.math.div(gated.math.mul(lr, mHat), gated.math.add(gated.math.sqrt(vHat), epsilon));
                updates.add(gated.assignSub(p.variable, delta));
            }
        } else if (spec instanceof OptimizerSpec.Sgd) {
            adam = null;
            Operand<TFloat32> lr = scalar(tf, "lr"), momentum = scalar(tf, "momentum");
            for (int i = 0; i < trainable.size(); i++) {
                TfParameter p = trainable.get(i);
                Variable<TFloat32> v = slot(tf, p, "sgd_v");
                Operand<TFloat32> vNew = gated.assign(v, gated.math.add(gated.math.mul(v, momentum), gradients.get(i)));
                updates.add(gated.assignSub(p.variable, gated.math.mul(vNew, lr)));
            }
        } else {
            throw new UnsupportedOperationException("tfjava: " + spec.id() + " is not implemented");
        }
        this.update = tf.withControlDependencies(updates).noOp();
        List<Op> zeros = new ArrayList<>();
        for (Variable<TFloat32> slot : slots) {
            zeros.add(tf.assign(slot, tf.zerosLike(slot)));
        }
        this.reset = tf.withControlDependencies(zeros).noOp();
    }

    /** Adds the update ops of {@code spec}'s kind to the graph. */
    static TfOptimizer build(Ops tf, OptimizerSpec spec, List<TfParameter> trainable, List<Operand<TFloat32>> gradients,
            List<Op> gradientsDone) {
        return new TfOptimizer(tf, spec, trainable, gradients, gradientsDone);
    }

    private Placeholder<TFloat32> scalar(Ops tf, String name) {
        Placeholder<TFloat32> p = tf.withName((adam != null ? "adam_" : "sgd_") + name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        scalars.add(p);
        return p;
    }

    private Variable<TFloat32> slot(Ops tf, TfParameter p, String kind) {
        Variable<TFloat32> slot = tf.withName(p.variable.op().name() + "_" + kind)
                .variable(Shape.of(p.layout.tfShape()), TFloat32.class);
        slots.add(slot);
        return slot;
    }

    /** Zeroes the slots and the step count: the state of a fresh optimizer. */
    void reset(Session session) {
        session.runner().addTarget(reset).run().close();
        step = 0;
    }

    /** Whether this graph's ops implement {@code spec}'s kind (hyper-parameters are fed, not built in). */
    boolean implementsKind(OptimizerSpec spec) {
        return adam != null ? spec instanceof OptimizerSpec.Adam : spec instanceof OptimizerSpec.Sgd;
    }

    List<Placeholder<TFloat32>> scalars() {
        return scalars;
    }

    Op update() {
        return update;
    }

    /** The scalars to feed for the next step, in {@link #scalars()} order; counts the step. */
    float[] feedValues(OptimizerSpec spec, double learningRate) {
        step++;
        if (spec instanceof OptimizerSpec.Adam a) {
            return new float[] {(float) learningRate, (float) a.beta1(), (float) (1 - a.beta1()), (float) a.beta2(),
                (float) (1 - a.beta2()), (float) a.epsilon(), (float) (1 - Math.pow(a.beta1(), step)),
                (float) (1 - Math.pow(a.beta2(), step))};
        }
        return new float[] {(float) learningRate, (float) ((OptimizerSpec.Sgd) spec).momentum()};
    }
}
