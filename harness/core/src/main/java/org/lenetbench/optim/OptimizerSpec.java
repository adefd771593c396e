package org.lenetbench.optim;

/**
 * The optimizers, defined once so that every backend computes the same update. For a trainable parameter
 * w with gradient g (of the batch-mean loss) at learning rate η (from a {@link LearningRateSchedule}):
 * <ul>
 * <li>{@link Sgd}: {@code v ← μ·v + g; w ← w − η·v} (PyTorch's form: no dampening, no Nesterov;
 *     v starts at 0; μ = 0 is plain SGD).</li>
 * <li>{@link Adam}: t counts steps from 1; {@code m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *     m̂ = m / (1−β1^t); v̂ = v / (1−β2^t); w ← w − η·m̂ / (√v̂ + ε)} — ε is added <em>after</em> the
 *     square root and after bias correction (PyTorch's and the Adam paper's placement).</li>
 * <li>{@link Sdlm}: stochastic diagonal Levenberg-Marquardt (LeCun et al. 1998): {@code w ← w − η/(μ + h)·g}
 *     with h the Gauss-Newton diagonal estimated before each pass ({@link org.lenetbench.backend.Network#curvature})
 *     and held fixed during it.</li>
 * </ul>
 * All arithmetic of the update is per element; a masked (always-zero) weight has g = 0 and stays 0.
 */
public sealed interface OptimizerSpec {

    String id();

    record Sgd(double momentum) implements OptimizerSpec {
        public Sgd {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
            }
        }

        @Override
        public String id() {
            return momentum == 0 ? "sgd" : "sgd(momentum=" + momentum + ")";
        }
    }

    record Adam(double beta1, double beta2, double epsilon) implements OptimizerSpec {
        public static final Adam DEFAULT = new Adam(0.9, 0.999, 1e-8);

        public Adam {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("Adam needs β1, β2 in [0, 1) and ε > 0");
            }
        }

        @Override
        public String id() {
            return "adam";
        }
    }

    /** μ = 0.02 in the paper. */
    record Sdlm(double mu) implements OptimizerSpec {
        public static final Sdlm PAPER = new Sdlm(0.02);

        public Sdlm {
            if (!(mu > 0)) {
                throw new IllegalArgumentException("SDLM μ must be positive");
            }
        }

        @Override
        public String id() {
            return "sdlm";
        }
    }
}
