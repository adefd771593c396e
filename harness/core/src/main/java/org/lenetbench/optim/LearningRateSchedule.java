package org.lenetbench.optim;

/** The learning rate of each epoch (0-based; the paper calls an epoch a pass). */
public sealed interface LearningRateSchedule {

    double rate(int epoch);

    String describe();

    record Constant(double rate) implements LearningRateSchedule {
        public Constant {
            requirePositive(rate);
        }

        @Override
        public double rate(int epoch) {
            return rate;
        }

        @Override
        public String describe() {
            return "constant " + rate;
        }
    }

    /** {@code initial · gamma^⌊epoch / every⌋}. */
    record Step(double initial, double gamma, int every) implements LearningRateSchedule {
        public Step {
            requirePositive(initial);
            requirePositive(gamma);
            if (every <= 0) {
                throw new IllegalArgumentException("step schedule: 'every' must be a positive number of epochs");
            }
        }

        @Override
        public double rate(int epoch) {
            return initial * Math.pow(gamma, epoch / every);
        }

        @Override
        public String describe() {
            return "step " + initial + " x" + gamma + " every " + every + " epochs";
        }
    }

    /**
     * LeCun et al. 1998: η = 0.0005 for passes 1–2, 0.0002 for 3–5, 0.0001 for 6–8, 0.00005 for 9–12,
     * 0.00001 from 13 on.
     */
    record Paper() implements LearningRateSchedule {
        @Override
        public double rate(int epoch) {
            int pass = epoch + 1;
            if (pass <= 2) {
                return 0.0005;
            } else if (pass <= 5) {
                return 0.0002;
            } else if (pass <= 8) {
                return 0.0001;
            } else if (pass <= 12) {
                return 0.00005;
            }
            return 0.00001;
        }

        @Override
        public String describe() {
            return "paper (5e-4, 2e-4, 1e-4, 5e-5, 1e-5 per pass)";
        }
    }

    private static void requirePositive(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("learning rate values must be positive and finite, got " + v);
        }
    }
}
