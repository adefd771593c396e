package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change is flagged only when the error bars do not overlap; the report lists regressions first. */
class BaselineComparisonTest {
    private static final Path RESULTS = Path.of("..", "results", "2026-11-22-cpu-2core");

    @TempDir
    Path dir;

    @Test
    void theVerdictFollowsTheErrorBars() {
        JmhRecord before = record(1000, 50);
        assertEquals(BaselineComparison.Verdict.REGRESSION, BaselineComparison.verdict(before, record(800, 60))); // 860 < 950
        assertEquals(BaselineComparison.Verdict.WITHIN_ERROR, BaselineComparison.verdict(before, record(900, 60))); // 960 ≥ 950
        assertEquals(BaselineComparison.Verdict.IMPROVEMENT, BaselineComparison.verdict(before, record(1100, 40))); // 1060 > 1050
    }

    /** An error over 10 % of the value, or none at all, is not a steady state: such a result is never compared. */
    @Test
    void anUnstableResultIsNotCompared() {
        JmhRecord stable = record(1000, 50);
        assertEquals(BaselineComparison.Verdict.UNSTABLE, BaselineComparison.verdict(stable, record(400, 41)));
        assertEquals(BaselineComparison.Verdict.UNSTABLE, BaselineComparison.verdict(record(1000, 101), stable));
        assertEquals(BaselineComparison.Verdict.UNSTABLE, BaselineComparison.verdict(stable, record(1000, Double.NaN)));
        assertEquals(BaselineComparison.Verdict.WITHIN_ERROR, BaselineComparison.verdict(stable, record(1000, 100)),
                "10 % exactly is still stable");
    }

    /** The default mode's short settings gave vector training 48,757 ± 582,606 img/s: marked, and not compared. */
    @Test
    void anUnstableResultIsMarkedInTheReportAndItsBaselineRow() throws Exception {
        String measured = Files.readString(RESULTS.resolve("NetworkBenchmark-djl.json"));
        Path baseline = folderWith("before", withErrorsOf(measured, 0.05));
        Path now = folderWith("now", measured); // djl's errors there: up to ±51 % of the score
        String html = new ReportPage(ResultsFolder.load(now, null), List.of(), ResultsFolder.load(baseline, null)).render();
        long unstable = ResultsFolder.load(now, null).jmh().stream().filter(JmhRecord::unstable).count();
        assertTrue(unstable > 0, "the measured file has unstable results");
        assertEquals(unstable, html.split("unstable \\(an error over 10 % of the score\\): not compared", -1).length - 1);
        assertTrue(html.contains(unstable + " of the results below are unstable"), "said once, above the summary");
        assertTrue(html.contains("(unstable: ±"), "the figures carry the mark");
        assertTrue(html.contains(" t2 (unstable)\""), "and the network chart's labels");
        assertFalse(html.contains("regression</td>"), "nothing unstable counts as a regression");
    }

    /** A measured file against a copy of itself with every score and error divided by 4: each result a regression, shown as such. */
    @Test
    void aSlowerRunIsFlaggedInTheReport() throws Exception {
        String measured = withErrorsOf(Files.readString(RESULTS.resolve("NetworkBenchmark-djl.json")), 0.05);
        Path baseline = folderWith("before", measured);
        Path now = folderWith("now", quarterScores(measured));

        List<BaselineComparison> comparisons = BaselineComparison.compare(ResultsFolder.load(baseline, null),
                ResultsFolder.load(now, null));
        assertEquals(ResultsFolder.load(now, null).jmh().stream().filter(JmhRecord::hasImages).count(), comparisons.size());
        long regressions = comparisons.stream().filter(c -> c.verdict() == BaselineComparison.Verdict.REGRESSION).count();
        assertEquals(comparisons.size(), regressions, "a quarter of the throughput is beyond every ±5 % error bar");
        comparisons.forEach(c -> assertEquals(-75.0, c.changePercent(), 1e-9));

        String html = new ReportPage(ResultsFolder.load(now, null), List.of(), ResultsFolder.load(baseline, null)).render();
        assertEquals(regressions, html.split("<td class=\"fail\">regression</td>", -1).length - 1);
        assertTrue(new ReportPage(ResultsFolder.load(now, null)).render().contains("No baseline was given"));
    }

    /** A baseline from another CPU, or from a folder that does not say, is flagged: the change may be the hardware's. */
    @Test
    void aBaselineFromAnotherOrAnUnnamedMachineIsSaidSo() throws Exception {
        String measured = Files.readString(RESULTS.resolve("NetworkBenchmark-djl.json"));
        Path baseline = folderWith("before", measured);
        Path now = folderWith("now", measured);
        String zen5 = "cpu: AMD EPYC (family 26, model 2, stepping 1) × 2 cores\nsimd: avx2 fma avx512f\n";

        Files.writeString(now.resolve("machine.txt"), zen5 + "memory: 24 GiB\nos: Linux 6.18 x86_64\n");
        assertEquals("The baseline does not name the machine that measured it (no machine.txt): the changes below may "
                + "be a change of hardware.", warning(baseline, now));

        Files.writeString(baseline.resolve("machine.txt"), zen5.replace("family 26", "family 25") + "memory: 24 GiB\n");
        assertEquals("The baseline was measured on another machine (cpu: AMD EPYC (family 25, model 2, stepping 1) × 2 "
                + "cores; simd: avx2 fma avx512f; now cpu: AMD EPYC (family 26, model 2, stepping 1) × 2 cores; simd: avx2 "
                + "fma avx512f): the changes below include the hardware's.", warning(baseline, now));
        String html = new ReportPage(ResultsFolder.load(now, null), List.of(), ResultsFolder.load(baseline, null)).render();
        assertTrue(html.contains("<p class=\"fail\">The baseline was measured on another machine"), "shown, flagged");

        Files.writeString(baseline.resolve("machine.txt"), zen5 + "memory: 16 GiB\nos: Linux 6.1 x86_64\n");
        assertEquals("", warning(baseline, now), "same CPU and vector units: memory and kernel do not count");
        String same = new ReportPage(ResultsFolder.load(now, null), List.of(), ResultsFolder.load(baseline, null)).render();
        assertFalse(same.contains("another machine") || same.contains("may be a change of hardware"));
        assertFalse(same.contains("<p class=\"fail\"></p>"), "no empty warnings");
    }

    /** A results folder under the test's directory holding one JMH file. */
    private Path folderWith(String name, String networkBenchmarkJson) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("NetworkBenchmark-djl.json"), networkBenchmarkJson);
        return folder;
    }

    private static String warning(Path baseline, Path now) throws Exception {
        return BaselineComparison.machineWarning(ResultsFolder.load(baseline, null), ResultsFolder.load(now, null))
                .orElse("");
    }

    /** Every "score" and "scoreError" in JMH's JSON divided by 4 (the images counter's too). */
    private static String quarterScores(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\"score(?:Error)?\" : )([0-9.eE+-]+)").matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1) + Double.parseDouble(m.group(2)) / 4);
        }
        return m.appendTail(out).toString();
    }

    /** Every "scoreError" in JMH's JSON set to {@code fraction} of the "score" before it: a steady run's file. */
    private static String withErrorsOf(String json, double fraction) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(\"score\" : )([0-9.eE+-]+)(,\\s*\"scoreError\" : )([0-9.eE+-]+|\"NaN\")").matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            double score = Double.parseDouble(m.group(2));
            m.appendReplacement(out, m.group(1) + m.group(2) + m.group(3).replace("\\", "\\\\") + fraction * score);
        }
        return m.appendTail(out).toString();
    }

    private static JmhRecord record(double images, double error) {
        return new JmhRecord("NetworkBenchmark", "trainStep", java.util.Map.of("backend", "x"), images / 64, error / 64,
                "ops/s", images, error, Double.NaN, Double.NaN, 1, "25", List.of(), "");
    }
}
