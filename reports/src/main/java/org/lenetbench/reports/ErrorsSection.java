package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Per training run: the confusion matrix as a heat map (the diagonal green, other non-zero cells red by their share
 * of the largest of them) and the misclassified test digits the run recorded.
 */
final class ErrorsSection {
    record Run(String name, boolean open, int errors, List<Integer> classes, List<HeatRow> rows, List<Digit> digits,
            boolean hasDigits, int shown, String noDigits) {
    }

    record HeatRow(String label, List<HeatCell> cells) {
    }

    record HeatCell(String count, String style) {
    }

    record Digit(String index, String label, String uri) {
    }

    private ErrorsSection() {
    }

    /** One entry per run, the first open. */
    static List<Run> of(List<AccuracyRun> runs) {
        List<Run> list = new ArrayList<>();
        for (AccuracyRun run : runs) {
            int[][] m = run.confusion();
            List<Digit> digits = run.digits().orElse(List.of()).stream().map(d -> new Digit(String.valueOf(d.index()),
                    String.valueOf(d.label()), DigitImages.pngDataUri(d))).toList();
            String noDigits = run.misclassified().length == 0 ? "No test digit was misclassified."
                    : "This run's results.json does not record the misclassified digits' pixels (lenet train records"
                            + " them since 2026-12-06), so they are not drawn.";
            list.add(new Run(run.name(), list.isEmpty(), run.misclassified().length,
                    IntStream.range(0, m.length).boxed().toList(), heatMap(m), digits, !digits.isEmpty(),
                    digits.size(), noDigits));
        }
        return list;
    }

    private static List<HeatRow> heatMap(int[][] m) {
        int maxOff = 1;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                maxOff = i == j ? maxOff : Math.max(maxOff, m[i][j]);
            }
        }
        List<HeatRow> rows = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            List<HeatCell> cells = new ArrayList<>();
            for (int j = 0; j < m[i].length; j++) {
                String style = i == j ? "background: rgba(40, 140, 60, 0.25)"
                        : m[i][j] == 0 ? "" : String.format(Locale.ROOT, "background: rgba(200, 30, 30, %.2f)",
                                0.1 + 0.8 * m[i][j] / maxOff);
                cells.add(new HeatCell(String.valueOf(m[i][j]), style));
            }
            rows.add(new HeatRow(String.valueOf(i), cells));
        }
        return rows;
    }
}
