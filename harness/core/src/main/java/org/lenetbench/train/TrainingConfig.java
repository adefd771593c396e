package org.lenetbench.train;

import java.util.Objects;

import org.lenetbench.model.InitScheme;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;

/**
 * One training run. {@code trainLimit}/{@code testLimit} of 0 mean the whole split; a positive value uses
 * the first n images (for quick runs). {@code validation} images are held out of the end of the (limited) training set
 * and evaluated after every epoch beside the test set: hyperparameters are chosen on them, not on the test set
 * (0 = none). {@code curvatureSamples} is SDLM's Hessian sample (500 in the paper). {@code timeBudgetSeconds} stops
 * the run after the first epoch that ends with at least that much training time spent (evaluation not counted), even
 * before {@code epochs}: a study with a time budget per backend (0 = none, all epochs). {@code targetAccuracy} stops
 * it after the first epoch whose test accuracy reaches it (0 = none). {@code batches} gives each epoch its batch size.
 */
public record TrainingConfig(ModelSpec model, int epochs, BatchSchedule batches, OptimizerSpec optimizer,
        LearningRateSchedule schedule, long seed, int threads, InitScheme init, int trainLimit, int testLimit,
        int validation, int curvatureSamples, double timeBudgetSeconds, double targetAccuracy) {

    /** A run with one batch size for every epoch. */
    public TrainingConfig(ModelSpec model, int epochs, int batchSize, OptimizerSpec optimizer,
            LearningRateSchedule schedule, long seed, int threads, InitScheme init, int trainLimit, int testLimit,
            int validation, int curvatureSamples, double timeBudgetSeconds, double targetAccuracy) {
        this(model, epochs, BatchSchedule.constant(batchSize), optimizer, schedule, seed, threads, init, trainLimit,
                testLimit, validation, curvatureSamples, timeBudgetSeconds, targetAccuracy);
    }

    /** A run without a target accuracy. */
    public TrainingConfig(ModelSpec model, int epochs, int batchSize, OptimizerSpec optimizer,
            LearningRateSchedule schedule, long seed, int threads, InitScheme init, int trainLimit, int testLimit,
            int validation, int curvatureSamples, double timeBudgetSeconds) {
        this(model, epochs, batchSize, optimizer, schedule, seed, threads, init, trainLimit, testLimit, validation,
                curvatureSamples, timeBudgetSeconds, 0);
    }

    /** A run of all its epochs (no time budget). */
    public TrainingConfig(ModelSpec model, int epochs, int batchSize, OptimizerSpec optimizer,
            LearningRateSchedule schedule, long seed, int threads, InitScheme init, int trainLimit, int testLimit,
            int validation, int curvatureSamples) {
        this(model, epochs, batchSize, optimizer, schedule, seed, threads, init, trainLimit, testLimit, validation,
                curvatureSamples, 0);
    }

    public TrainingConfig {
        Objects.requireNonNull(model);
        Objects.requireNonNull(optimizer);
        Objects.requireNonNull(schedule);
        Objects.requireNonNull(init);
        Objects.requireNonNull(batches);
        require(epochs >= 1, "epochs must be ≥ 1, got " + epochs);
        require(threads >= 1, "threads must be ≥ 1, got " + threads);
        require(trainLimit >= 0 && testLimit >= 0, "limits must be ≥ 0 (0 = whole split)");
        require(validation >= 0, "validation images must be ≥ 0 (0 = none), got " + validation);
        require(trainLimit == 0 || validation < trainLimit, "validation images (" + validation
                + ") must leave some of the " + trainLimit + " training images to train on");
        require(curvatureSamples >= 1, "curvature samples must be ≥ 1");
        require(timeBudgetSeconds >= 0 && Double.isFinite(timeBudgetSeconds),
                "the time budget must be ≥ 0 seconds (0 = none), got " + timeBudgetSeconds);
        require(targetAccuracy >= 0 && targetAccuracy <= 1,
                "the target accuracy must be in [0, 1] (0 = none), got " + targetAccuracy);
    }

    /** The first epoch's batch size (every epoch's, unless the schedule changes it). */
    public int batchSize() {
        return batches.first();
    }

    /** The same run with another seed. */
    public TrainingConfig withSeed(long otherSeed) {
        return new TrainingConfig(model, epochs, batches, optimizer, schedule, otherSeed, threads, init, trainLimit,
                testLimit, validation, curvatureSamples, timeBudgetSeconds, targetAccuracy);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
