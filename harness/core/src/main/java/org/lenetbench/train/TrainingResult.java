package org.lenetbench.train;

import java.util.List;

import org.lenetbench.tensor.NamedTensors;

/**
 * Everything a run produced: the summary, one record per epoch, and the final test evaluation (confusion
 * matrix, misclassified indices). {@code trainingSecondsTo99} is the training time (evaluation excluded)
 * summed up to the end of the first epoch whose test accuracy reached 99.0 %, or null; {@code
 * trainingSecondsToTarget} the same for the run's target accuracy (null without one, or where it was not reached).
 */
public record TrainingResult(RunSummary summary, List<EpochRecord> epochs, Evaluation finalEvaluation,
        Double trainingSecondsTo99, Double trainingSecondsToTarget, NamedTensors finalParameters) {

    /**
     * What ran: enough to reproduce it and to compare runs. {@code epochs} were asked for, {@code epochsRun} ran
     * (fewer when the {@code timeBudgetSeconds} of training, 0 = none, was spent first, or the {@code targetAccuracy},
     * 0 = none, was reached). {@code evalSeconds} is the evaluation time of all epochs, apart from the training time.
     */
    public record RunSummary(String backend, String engine, String engineVersion, String device, int threads,
            String model, String optimizer, String schedule, int batchSize, int epochs, int epochsRun,
            double timeBudgetSeconds, double targetAccuracy, double trainSeconds, double evalSeconds, long seed,
            String init,
            int trainImages, int validationImages, int testImages, boolean verifiedMnist, String dataDirectory, String javaVersion,
            String jvmFlags, String startedAt) {
    }
}
