package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The cross-check matrix: per backend and model of every machine, the checks passed, failed and skipped. */
final class CrossCheckSection {
    record Pair(String backend, String model, String passed, String failed, String skipped, String worst,
            String verdict) {
    }

    private CrossCheckSection() {
    }

    /** This folder's checks, then the other machines' with their folder named beside the backend. */
    static List<CrossCheckRow> allChecks(ResultsFolder folder, List<ResultsFolder> others) {
        List<CrossCheckRow> rows = new ArrayList<>(folder.crossCheck());
        for (ResultsFolder other : others) {
            other.crossCheck().forEach(c -> rows.add(new CrossCheckRow(c.backend() + " (" + other.name() + ")",
                    c.model(), c.check(), c.status(), c.error(), c.tolerance(), c.detail())));
        }
        return rows;
    }

    static List<Pair> of(List<CrossCheckRow> checks) {
        Map<String, List<CrossCheckRow>> byPair = new TreeMap<>();
        checks.forEach(c -> byPair.computeIfAbsent(c.backend() + " " + c.model(), k -> new ArrayList<>()).add(c));
        List<Pair> pairs = new ArrayList<>();
        byPair.forEach((key, pair) -> {
            long failed = count(pair, "FAIL");
            double worst = pair.stream().filter(c -> !c.status().equals("SKIPPED")).mapToDouble(CrossCheckRow::error)
                    .filter(Double::isFinite).max().orElse(0);
            pairs.add(new Pair(pair.getFirst().backend(), pair.getFirst().model(), String.valueOf(count(pair, "PASS")),
                    String.valueOf(failed), String.valueOf(count(pair, "SKIPPED")),
                    String.format(Locale.ROOT, "%.1e", worst), failed == 0 ? "pass" : "FAIL"));
        });
        return pairs;
    }

    private static long count(List<CrossCheckRow> checks, String status) {
        return checks.stream().filter(c -> c.status().equals(status)).count();
    }
}
