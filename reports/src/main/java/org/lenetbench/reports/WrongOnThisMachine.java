package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The backend × model pairs that failed the cross-check of a results folder: their numbers were measured on an
 * engine that computes wrong results on that machine, so the report shows them marked, never as a plain speed.
 */
final class WrongOnThisMachine {
    static final String MARK = "WRONG ON THIS MACHINE";

    /** The failed checks of one pair: their names, the first one's detail, and the largest error among them. */
    record Finding(String backend, String model, List<String> checks, String firstDetail, double largestError) {
        /** E.g. "WRONG ON THIS MACHINE: 5 of the cross-check's checks failed (gradients, adam step), largest error 2.0e+00: …". */
        String describe() {
            return String.format(Locale.ROOT, "%s: %d failed check%s (%s), largest error %s; %s", MARK, checks.size(),
                    checks.size() == 1 ? "" : "s", String.join(", ", checks),
                    Double.isNaN(largestError) ? "NaN" : String.format(Locale.ROOT, "%.1e", largestError), firstDetail);
        }
    }

    private final Map<String, Finding> byPair = new LinkedHashMap<>();

    WrongOnThisMachine(List<CrossCheckRow> checks) {
        Map<String, List<CrossCheckRow>> failed = new LinkedHashMap<>();
        checks.stream().filter(c -> c.status().equals("FAIL"))
                .forEach(c -> failed.computeIfAbsent(key(c.backend(), c.model()), k -> new ArrayList<>()).add(c));
        failed.forEach((key, rows) -> {
            double largest = rows.stream().anyMatch(r -> Double.isNaN(r.error())) ? Double.NaN
                    : rows.stream().mapToDouble(CrossCheckRow::error).max().orElse(0);
            byPair.put(key, new Finding(rows.getFirst().backend(), rows.getFirst().model(),
                    rows.stream().map(CrossCheckRow::check).toList(), rows.getFirst().detail(), largest));
        });
    }

    Optional<Finding> find(String backend, String model) {
        return Optional.ofNullable(byPair.get(key(backend, model)));
    }

    boolean isWrong(String backend, String model) {
        return byPair.containsKey(key(backend, model));
    }

    /** A label (a chart's legend or category, a table cell) with the mark appended where the pair is wrong. */
    String label(String text, String backend, String model) {
        return isWrong(backend, model) ? text + " (" + MARK + ")" : text;
    }

    List<Finding> all() {
        return List.copyOf(byPair.values());
    }

    private static String key(String backend, String model) {
        return backend + " " + model;
    }
}
