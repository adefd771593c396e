package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each folder's jcuda step profile (GpuStepProfiler), per phase: the time by operation, largest first, and every
 * copy and launch in the order it ran.
 */
final class StepProfileSection {
    record Phase(String title, List<Total> totals, List<Step> sequence) {
    }

    record Total(String operation, String calls, String millis, String share) {
    }

    record Step(String index, String operation, String size, String millis, String share) {
    }

    private StepProfileSection() {
    }

    static List<Phase> of(List<ResultsFolder> machines) {
        List<Phase> phases = new ArrayList<>();
        for (ResultsFolder f : machines) {
            f.stepProfile().ifPresent(profile -> {
                phases.add(phase(profile, "training step", profile.trainStep()));
                phases.add(phase(profile, "forward pass", profile.forward()));
            });
        }
        return phases;
    }

    private static Phase phase(StepProfile profile, String name, StepProfile.Phase phase) {
        Map<String, double[]> byName = new LinkedHashMap<>(); // milliseconds, operations
        List<Step> sequence = new ArrayList<>();
        for (StepProfile.Operation op : phase.operations()) {
            double[] sum = byName.computeIfAbsent(op.name(), n -> new double[2]);
            sum[0] += op.medianMillis();
            sum[1]++;
            sequence.add(new Step(String.valueOf(sequence.size() + 1), op.name(),
                    op.isCopy() ? String.format(Locale.ROOT, "%,.2f MiB", op.size() / 1048576.0)
                            : String.format(Locale.ROOT, "%,d threads", op.size()),
                    String.format(Locale.ROOT, "%.3f", op.medianMillis()), share(op.medianMillis(), phase.totalMillis())));
        }
        List<Total> totals = byName.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).reversed())
                .map(e -> new Total(e.getKey(), String.format(Locale.ROOT, "%.0f", e.getValue()[1]),
                        String.format(Locale.ROOT, "%.3f", e.getValue()[0]), share(e.getValue()[0], phase.totalMillis())))
                .toList();
        return new Phase(String.format(Locale.ROOT,
                "jcuda %s, %s at batch %,d: %.3f ms in all, each copy and launch waited for (median of %d; %s)",
                name, profile.model(), profile.batch(), phase.totalMillis(), profile.steps(), profile.device()),
                totals, sequence);
    }

    private static String share(double part, double total) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * part / total);
    }
}
