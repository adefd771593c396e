package org.lenetbench.reports;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Every JMH result that an earlier run also has, regressions first, with a verdict that respects the error bars. */
final class BaselineSection {
    record Row(String benchmark, String parameters, String baseline, String now, String change, String verdict,
            String verdictClass) {
    }

    private BaselineSection() {
    }

    static List<Row> of(ResultsFolder baseline, ResultsFolder folder, WrongOnThisMachine wrong) {
        return BaselineComparison.compare(baseline, folder).stream()
                .sorted(Comparator.comparing(BaselineComparison::verdict))
                .map(c -> {
                    boolean isWrong = wrong.isWrong(c.nowRecord().param("backend"), c.nowRecord().param("model"));
                    return new Row(c.benchmark(), c.parameters(), Figures.withError(c.baseline(), c.baselineError()),
                            Figures.images(c.nowRecord()), String.format(Locale.ROOT, "%+.1f %%", c.changePercent()),
                            isWrong ? WrongOnThisMachine.MARK + ": not compared" : verdict(c.verdict()),
                            c.verdict() == BaselineComparison.Verdict.REGRESSION || isWrong ? "fail" : "");
                })
                .toList();
    }

    private static String verdict(BaselineComparison.Verdict verdict) {
        return switch (verdict) {
            case REGRESSION -> "regression";
            case IMPROVEMENT -> "faster";
            case WITHIN_ERROR -> "within the error bars";
            case UNSTABLE -> "unstable (an error over " + Math.round(100 * JmhRecord.UNSTABLE_ERROR)
                    + " % of the score): not compared";
        };
    }
}
