package org.lenetbench.optim;

/**
 * The learning rate of each training step. Most schedules change it only between epochs (0-based; the paper calls an
 * epoch a pass); {@link OneCycle} changes it every step.
 */
public sealed interface LearningRateSchedule {

    /** The rate of an epoch: for a schedule that changes every step, the rate in the middle of the epoch. */
    double rate(int epoch);

    /** The rate of step {@code step} (0-based) of epoch {@code epoch}, an epoch being {@code steps} steps. */
    default double rate(int epoch, int step, int steps) {
        return rate(epoch);
    }

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
     * 0.00001 from 13 on. {@code first} moves the whole schedule, keeping its steps and their ratios
     * (the paper's own is {@link #PUBLISHED_FIRST}); the original Lush code started at 1e-4.
     */
    record Paper(double first) implements LearningRateSchedule {
        public static final double PUBLISHED_FIRST = 0.0005;
        private static final double[] PUBLISHED = {0.0005, 0.0002, 0.0001, 0.00005, 0.00001};

        public Paper {
            requirePositive(first);
        }

        /** The schedule as published. */
        public Paper() {
            this(PUBLISHED_FIRST);
        }

        @Override
        public double rate(int epoch) {
            int pass = epoch + 1;
            int step = pass <= 2 ? 0 : pass <= 5 ? 1 : pass <= 8 ? 2 : pass <= 12 ? 3 : 4;
            return PUBLISHED[step] * (first / PUBLISHED_FIRST); // × exactly 1 for the published schedule
        }

        @Override
        public String describe() {
            StringBuilder rates = new StringBuilder();
            for (int epoch : new int[] {0, 2, 5, 8, 12}) {
                rates.append(rates.isEmpty() ? "" : ", ").append(shortRate(rate(epoch)));
            }
            String name = first == PUBLISHED_FIRST ? "paper" : "paper's steps from " + shortRate(first);
            return name + " (" + rates + " per pass)";
        }
    }

    /**
     * A linear one-cycle: from 0 up to {@code peak} over the first {@code warmupEpochs} (a fraction of an epoch is
     * allowed), then down to 0 at the end of epoch {@code epochs}; each step takes the rate at its midpoint, so no
     * step has a rate of 0. With {@code warmupEpochs} = 0 it is a linear decay from {@code peak}. A run stopped early
     * (a target reached, a time budget spent) stops on the way down.
     */
    record OneCycle(double peak, double warmupEpochs, int epochs) implements LearningRateSchedule {
        public OneCycle {
            requirePositive(peak);
            if (epochs < 1 || !(warmupEpochs >= 0 && warmupEpochs < epochs)) {
                throw new IllegalArgumentException("one-cycle schedule: the warm-up (" + warmupEpochs
                        + " epochs) must be ≥ 0 and shorter than the " + epochs + " epochs");
            }
        }

        /** The rate at {@code t} epochs from the start. */
        public double rateAt(double t) {
            return t < warmupEpochs ? peak * t / warmupEpochs : peak * Math.max(0, epochs - t) / (epochs - warmupEpochs);
        }

        @Override
        public double rate(int epoch) {
            return rateAt(epoch + 0.5);
        }

        @Override
        public double rate(int epoch, int step, int steps) {
            return rateAt(epoch + (step + 0.5) / steps);
        }

        @Override
        public String describe() {
            return (warmupEpochs > 0 ? "one-cycle: linearly up to " + peak + " over " + warmupEpochs + " epochs, then"
                    : "linear decay from " + peak) + " down to 0 at the end of epoch " + epochs;
        }
    }

    /** 0.0005 as "5e-4", 0.000025 as "2.5e-5". */
    private static String shortRate(double v) {
        String[] parts = String.format(java.util.Locale.ROOT, "%.2e", v).split("e");
        String mantissa = parts[0].replaceFirst("\\.?0+$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    private static void requirePositive(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("learning rate values must be positive and finite, got " + v);
        }
    }
}
