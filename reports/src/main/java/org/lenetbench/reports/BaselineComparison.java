package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each JMH result of a run against the same benchmark, method and parameters in an earlier run (the baseline).
 * A change counts only when the two error bars do not overlap: a regression when the new result's upper end is
 * below the baseline's lower end, an improvement the other way round, otherwise it is noise. Where either result is
 * {@link JmhRecord#unstable() unstable} nothing is compared: its error bar says nothing about the steady state.
 */
record BaselineComparison(String benchmark, String parameters, double baseline, double baselineError, double now,
        double nowError, Verdict verdict, JmhRecord nowRecord) {

    enum Verdict {
        REGRESSION, IMPROVEMENT, WITHIN_ERROR, UNSTABLE
    }

    /** The change in percent of the baseline. */
    double changePercent() {
        return 100 * (now - baseline) / baseline;
    }

    static List<BaselineComparison> compare(ResultsFolder baseline, ResultsFolder now) {
        List<BaselineComparison> list = new ArrayList<>();
        for (JmhRecord j : now.jmh()) {
            if (!j.hasImages()) {
                continue;
            }
            Optional<JmhRecord> before = baseline.jmh().stream().filter(b -> b.hasImages() && sameBenchmark(b, j)).findFirst();
            before.ifPresent(b -> list.add(new BaselineComparison(j.benchmarkClass() + "." + j.method(),
                    describe(j.params()), b.images(), errorOf(b), j.images(), errorOf(j), verdict(b, j), j)));
        }
        return list;
    }

    /**
     * Why the comparison may be measuring the hardware rather than the code: the two folders' machine.txt name
     * different CPUs, or one of them names none. Empty when both name the same CPU and vector units.
     */
    static Optional<String> machineWarning(ResultsFolder baseline, ResultsFolder now) {
        List<String> before = cpuLines(baseline), after = cpuLines(now);
        if (before.isEmpty() || after.isEmpty()) {
            String unknown = before.isEmpty() && after.isEmpty() ? "Neither folder names" : before.isEmpty()
                    ? "The baseline does not name" : "This run does not name";
            return Optional.of(unknown + " the machine that measured it (no " + ResultsFolder.MACHINE_FILE
                    + "): the changes below may be a change of hardware.");
        }
        if (!before.equals(after)) {
            return Optional.of("The baseline was measured on another machine (" + String.join("; ", before)
                    + "; now " + String.join("; ", after) + "): the changes below include the hardware's.");
        }
        return Optional.empty();
    }

    /** The lines of machine.txt that decide speed here: the CPU and its vector units (not memory size or kernel). */
    private static List<String> cpuLines(ResultsFolder folder) {
        return folder.machine().stream().filter(l -> l.startsWith("cpu:") || l.startsWith("simd:")).toList();
    }

    private static boolean sameBenchmark(JmhRecord a, JmhRecord b) {
        return a.benchmarkClass().equals(b.benchmarkClass()) && a.method().equals(b.method())
                && a.params().equals(b.params()) && a.jmhThreads() == b.jmhThreads();
    }

    /** JMH gives no error for a single iteration: then there is no bar, and any difference counts. */
    private static double errorOf(JmhRecord j) {
        return Double.isNaN(j.imagesError()) ? 0 : j.imagesError();
    }

    static Verdict verdict(JmhRecord before, JmhRecord now) {
        if (before.unstable() || now.unstable()) {
            return Verdict.UNSTABLE;
        }
        if (now.images() + errorOf(now) < before.images() - errorOf(before)) {
            return Verdict.REGRESSION;
        }
        if (now.images() - errorOf(now) > before.images() + errorOf(before)) {
            return Verdict.IMPROVEMENT;
        }
        return Verdict.WITHIN_ERROR;
    }

    private static String describe(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }
}
