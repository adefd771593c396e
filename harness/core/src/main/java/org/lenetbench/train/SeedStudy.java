package org.lenetbench.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lenetbench.util.AtomicFiles;

/**
 * One recipe trained with several seeds: each seed's final test accuracy, time to the target and training time, and
 * their statistics over the seeds ({@code study.json} beside the runs' folders), so that a difference between two
 * backends or two recipes can be told from the spread between seeds. {@code seedsAsked} may exceed the runs where a
 * budget of training seconds over all seeds ({@code seedsBudgetSeconds}, 0 for none) stopped the study early.
 */
public record SeedStudy(String backend, String model, double targetAccuracy, int seedsAsked, double seedsBudgetSeconds,
        List<Run> runs) {
    /** One seed's run; {@code secondsToTarget} null where the target was not reached (or none was set). */
    public record Run(long seed, double finalAccuracy, Double secondsToTarget, double trainSeconds, int epochsRun) {
        static Run of(TrainingResult result) {
            return new Run(result.summary().seed(), result.finalEvaluation().accuracy(),
                    result.trainingSecondsToTarget(), result.summary().trainSeconds(), result.summary().epochsRun());
        }
    }

    /** Mean, sample standard deviation (0 for one value), minimum and maximum of {@code n} values. */
    public record Statistics(int n, double mean, double std, double min, double max) {
        public static Statistics of(double... values) {
            if (values.length == 0) {
                return new Statistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(values).average().orElseThrow();
            double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
            double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
            return new Statistics(values.length, mean, std, Arrays.stream(values).min().orElseThrow(),
                    Arrays.stream(values).max().orElseThrow());
        }
    }

    public SeedStudy {
        runs = List.copyOf(runs);
    }

    public static SeedStudy of(List<TrainingResult> results, int seedsAsked, double seedsBudgetSeconds) {
        TrainingResult.RunSummary first = results.getFirst().summary();
        return new SeedStudy(first.backend(), first.model(), first.targetAccuracy(), seedsAsked, seedsBudgetSeconds,
                results.stream().map(Run::of).toList());
    }

    public Statistics finalAccuracy() {
        return Statistics.of(runs.stream().mapToDouble(Run::finalAccuracy).toArray());
    }

    /** Over the seeds that reached the target only: {@link #reachedTarget} says how many did. */
    public Statistics secondsToTarget() {
        return Statistics.of(runs.stream().map(Run::secondsToTarget).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray());
    }

    public long reachedTarget() {
        return runs.stream().filter(r -> r.secondsToTarget() != null).count();
    }

    public Statistics trainSeconds() {
        return Statistics.of(runs.stream().mapToDouble(Run::trainSeconds).toArray());
    }

    /** {@code study.json}: the runs and the statistics, written atomically. */
    public void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("backend", backend);
        root.put("model", model);
        root.put("seeds", runs.size());
        root.put("seedsAsked", seedsAsked);
        root.put("seedsBudgetSeconds", seedsBudgetSeconds);
        root.put("targetAccuracy", targetAccuracy);
        root.put("reachedTarget", reachedTarget());
        root.put("finalAccuracy", finalAccuracy());
        root.put("trainingSecondsToTarget", secondsToTarget());
        root.put("trainingSeconds", trainSeconds());
        root.put("runs", runs);
        AtomicFiles.write(file, ResultsJson.MAPPER.writeValueAsBytes(root));
    }
}
