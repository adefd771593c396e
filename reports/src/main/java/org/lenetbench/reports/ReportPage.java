package org.lenetbench.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.lenetbench.model.Models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.samskivert.mustache.Mustache;

/**
 * The report as one HTML string: tables and chart data made from a {@link ResultsFolder}, rendered with the
 * Mustache template {@code report.mustache}, with Chart.js (from its webjar) and the page's script inlined, so the
 * file opens offline and loads nothing.
 */
final class ReportPage {
    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private final ResultsFolder folder;
    /** Results of other machines (another CPU, a GPU machine's scripts/gpu-run), shown beside this folder's. */
    private final List<ResultsFolder> others;
    /** This folder, then the others: every machine of the report. */
    private final List<ResultsFolder> machines;
    /** Each machine's label ({@link MachineLabels}), in the order of {@link #machines}. */
    private final List<String> machineLabels;
    /** An earlier run to compare with; null when none was given. */
    private final ResultsFolder baseline;
    /** The pairs this folder's cross-check found wrong: marked wherever their numbers appear. */
    private final WrongOnThisMachine wrong;
    /** The batch size and thread count of the summary's speeds, as the suite recorded them. */
    private final SuiteSettings headline;

    ReportPage(ResultsFolder folder) {
        this(folder, List.of());
    }

    ReportPage(ResultsFolder folder, List<ResultsFolder> others) {
        this(folder, others, null);
    }

    ReportPage(ResultsFolder folder, List<ResultsFolder> others, ResultsFolder baseline) {
        this.folder = folder;
        this.others = List.copyOf(others);
        List<ResultsFolder> all = new ArrayList<>(List.of(folder));
        all.addAll(others);
        this.machines = List.copyOf(all);
        this.machineLabels = MachineLabels.of(machines);
        this.baseline = baseline;
        this.wrong = new WrongOnThisMachine(folder.crossCheck());
        this.headline = folder.settings().orElse(SuiteSettings.BEFORE_RECORDED);
    }

    String render() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("folder", folder.name());
        page.put("generated", Instant.now().toString());
        page.put("mode", folder.mode().map(m -> "Benchmark suite mode: " + m + ".").orElse(""));
        page.put("machine", folder.machine().isEmpty() ? "" : "Measured on: " + folder.machineText() + ".");
        page.put("shortRuns", folder.mode().filter(m -> m.equals("quick") || m.equals("smoke"))
                .map(m -> "Benchmarks and training runs in the " + m + " mode are short: they show that everything "
                        + "runs, not how fast or how well.").stream().toList()); // a list: Mustache shows "" as a section
        List<Map<String, String>> summary = summary();
        page.put("summary", summary);
        page.put("headline", headline.describe());
        page.put("headlineAssumed", folder.settings().isPresent() ? List.of() : List.of("This folder does not record"
                + " the suite's settings (" + SuiteSettings.FILE_NAME + "): the summary shows "
                + SuiteSettings.BEFORE_RECORDED.describe() + ", the headline settings of every mode before the suite"
                + " recorded them."));
        List<Map<String, String>> reproduce = reproduce(summary);
        page.put("reproduce", reproduce);
        page.put("hasReproduce", !reproduce.isEmpty());
        page.put("unstable", unstableNotice());
        page.put("wrong", wrong.all().stream().map(f -> f.backend() + " " + f.model() + ": " + f.describe()).toList());
        page.put("backends", folder.backends().stream().map(b -> Map.of("id", b.id(), "engine", b.engine(),
                "version", b.version(), "status", b.available() ? "available" : "skipped: " + b.reason())).toList());
        page.put("hasBackends", !folder.backends().isEmpty());
        page.put("network", marked(rows(folder, "NetworkBenchmark", ""))); // the GPU's are in the CPU-vs-GPU section
        page.put("layers", marked(layerRows()));
        page.put("runs", folder.runs().stream().map(ReportPage::runRow).toList());
        page.put("errorRuns", errorRuns());
        page.put("flameGraphs", folder.flameGraphs().stream().map(p -> Map.of(
                "run", p.getName(0).toString(), "kind", p.getFileName().toString().replace(".html", ""),
                "href", ResultsFolder.FLAME_GRAPHS + "/" + p.toString().replace('\\', '/'))).toList());
        page.put("hasFlameGraphs", !folder.flameGraphs().isEmpty());
        page.put("flameGraphFailures", folder.flameGraphFailures());
        page.put("hasBaseline", baseline != null);
        page.put("baselineFolder", baseline == null ? "" : baseline.dir().toString());
        page.put("baseline", baselineRows());
        page.put("baselineMachine", baseline == null ? List.of()
                : BaselineComparison.machineWarning(baseline, folder).stream().toList());
        page.put("hasOthers", !others.isEmpty());
        page.put("machines", machineLabels.stream().map(label -> Map.of("label", label)).toList());
        page.put("acrossMachines", acrossMachines());
        page.put("stepProfiles", stepProfiles());
        page.put("crossCheck", crossCheck());
        page.put("hasCrossCheck", !allCrossChecks().isEmpty());
        page.put("environment", environment());
        List<Map<String, String>> raw = new ArrayList<>();
        folder.rawJmh().forEach((name, json) -> raw.add(Map.of("name", name, "json", json)));
        for (ResultsFolder other : others) {
            other.rawJmh().forEach((name, json) -> raw.add(Map.of("name", other.name() + "/" + name, "json", json)));
        }
        page.put("raw", raw);
        page.put("data", scriptSafe(chartData()));
        page.put("chartJs", scriptSafe(resource(CHART_JS).replaceAll("//# sourceMappingURL=\\S+", "")));
        page.put("pageJs", scriptSafe(resource("report.js")));
        return Mustache.compiler().escapeHTML(true).compile(resource("report.mustache")).execute(page);
    }

    /**
     * For each figure of the summary, the command that measures it again alone: a JMH run of that one benchmark with
     * the result's own settings, or the training run's own command line (as results.json recorded it).
     */
    private List<Map<String, String>> reproduce(List<Map<String, String>> summary) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : summary) {
            String backend = row.get("backend"), model = row.get("model");
            networkResult(backend, model, "trainStep").ifPresent(j -> rows.add(Map.of("backend", backend,
                    "model", model, "figure", "training img/s", "command", j.reproducingCommand())));
            networkResult(backend, model, "forward").ifPresent(j -> rows.add(Map.of("backend", backend,
                    "model", model, "figure", "inference img/s", "command", j.reproducingCommand())));
            folder.runs().stream().filter(r -> r.name().equals(backend + "-" + model) && !r.command().isEmpty())
                    .findFirst().ifPresent(r -> rows.add(Map.of("backend", backend, "model", model,
                            "figure", "test accuracy, time to 99 %", "command", r.command())));
        }
        return rows;
    }

    /** One line when any JMH result of this run is unstable (a list: Mustache shows "" as a section). */
    private List<String> unstableNotice() {
        long unstable = folder.jmh().stream().filter(j -> !j.benchmarkClass().equals("RooflineBenchmark"))
                .filter(JmhRecord::unstable).count();
        return unstable == 0 ? List.of() : List.of(unstable + " of the results below are unstable: their error is over "
                + Math.round(100 * JmhRecord.UNSTABLE_ERROR) + " % of their value (or unknown), so they are not "
                + "steady-state measurements. They are marked \"unstable\" wherever they appear and not compared with "
                + "the baseline.");
    }

    /** Backend × model: final accuracy (the run named BACKEND-MODEL), time to 99 %, images/s from JMH. */
    private List<Map<String, String>> summary() {
        Set<String> keys = new LinkedHashSet<>();
        folder.runs().forEach(r -> keys.add(r.backend() + " " + r.model()));
        folder.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark"))
                .forEach(j -> keys.add(j.param("backend") + " " + j.param("model")));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String key : keys) {
            String backend = key.substring(0, key.indexOf(' ')), model = key.substring(key.indexOf(' ') + 1);
            AccuracyRun run = folder.runs().stream().filter(r -> r.name().equals(backend + "-" + model)).findFirst()
                    .orElse(null);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("backend", backend);
            row.put("model", model);
            Optional<WrongOnThisMachine.Finding> finding = wrong.find(backend, model);
            row.put("correct", finding.map(WrongOnThisMachine.Finding::describe).orElse(
                    folder.crossCheck().stream().anyMatch(c -> c.backend().equals(backend) && c.model().equals(model))
                            ? "right (cross-check passed)" : "not cross-checked"));
            row.put("correctClass", finding.isPresent() ? "fail" : "");
            row.put("accuracy", run == null ? "—"
                    : percent(run.finalAccuracy()) + (run.stoppedEarly() ? " after " + run.epochsText() : ""));
            row.put("to99", run == null ? "—" : run.secondsTo99() == null ? "not reached"
                    : String.format(Locale.ROOT, "%.0f s", run.secondsTo99()));
            row.put("train", images(backend, model, "trainStep"));
            row.put("trainVsFramework", timesFastestFramework(backend, model, "trainStep"));
            row.put("inference", images(backend, model, "forward"));
            row.put("inferenceVsFramework", timesFastestFramework(backend, model, "forward"));
            row.put("ofPeak", fractionOfPeak(backend, model));
            if (finding.isPresent()) { // measured, but not a speed of a working engine
                for (String column : List.of("accuracy", "train", "trainVsFramework", "inference", "inferenceVsFramework",
                        "ofPeak")) {
                    row.computeIfPresent(column, (k, v) -> v.equals("—") ? v : v + " (wrong results)");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * A backend's images/s over the fastest framework's (a backend whose backends.json entry says another project
     * computes it) for the same model, method and batch in this run: "9.3×". Frameworks that are wrong on this
     * machine for the model do not count; "—" where no framework was measured. Marked unstable where either result is.
     */
    private String timesFastestFramework(String backend, String model, String method) {
        Optional<JmhRecord> mine = networkResult(backend, model, method);
        Optional<JmhRecord> fastest = folder.backends().stream().filter(BackendStatus::framework)
                .filter(b -> !wrong.isWrong(b.id(), model))
                .flatMap(b -> networkResult(b.id(), model, method).stream())
                .max(Comparator.comparingDouble(JmhRecord::images));
        if (mine.isEmpty() || fastest.isEmpty()) {
            return "—";
        }
        String ratio = String.format(Locale.ROOT, "%.2f× %s", mine.get().images() / fastest.get().images(),
                fastest.get().param("backend"));
        return mine.get().unstable() || fastest.get().unstable() ? ratio + " (unstable)" : ratio;
    }

    /**
     * Training at the headline batch and threads as a fraction of this machine's fp32 FMA peak on as many threads
     * (the roofline probe, RooflineBenchmark.fmaPeak with -t THREADS).
     */
    private String fractionOfPeak(String backend, String model) {
        return networkResult(backend, model, "trainStep").map(j -> ofPeak(folder, j)).orElse("—");
    }

    /**
     * A result's FLOP rate as a fraction of the peak it is measured against: images/s × FLOP per image ÷ peak
     * FLOP/s, or "—" when either is unknown.
     */
    private static String ofPeak(ResultsFolder f, JmhRecord j) {
        OptionalDouble flops = flopsPerSecond(j);
        OptionalDouble peak = peakFor(f, j);
        return flops.isPresent() && peak.isPresent()
                ? String.format(Locale.ROOT, "%.1f %%", 100 * flops.getAsDouble() / peak.getAsDouble()) : "—";
    }

    /**
     * FLOP/s of a network or layer result, 2 FLOP per multiply-add of {@code ModelSpec.forwardMultiplyAdds}: a
     * forward pass once, a training step three times (forward, input gradient, weight gradient), a layer's
     * backward twice (its input gradient and its parameter gradient).
     */
    static OptionalDouble flopsPerSecond(JmhRecord j) {
        String model = j.param("model");
        if (!j.hasImages() || !Models.names().contains(model)) {
            return OptionalDouble.empty();
        }
        String layer = j.param("layer");
        if (!layer.isEmpty() && !Models.byName(model).layerNames().contains(layer)) {
            return OptionalDouble.empty();
        }
        double multiplyAdds = layer.isEmpty() ? Models.byName(model).forwardMultiplyAdds()
                : Models.byName(model).forwardMultiplyAdds(layer);
        double passes = switch (j.method()) {
            case "forward" -> 1;
            case "trainStep" -> 3;
            case "backward" -> 2;
            default -> Double.NaN;
        };
        return Double.isNaN(passes) ? OptionalDouble.empty() : OptionalDouble.of(j.images() * passes * 2 * multiplyAdds);
    }

    /**
     * The peak a result is measured against: the GPU's probe (gpu-roofline.json) for the jcuda backend, otherwise the
     * folder's CPU probe run with as many threads as the result used.
     */
    private static OptionalDouble peakFor(ResultsFolder f, JmhRecord j) {
        if (j.param("backend").equals("jcuda")) {
            return f.deviceRoofline().map(r -> OptionalDouble.of(r.fmaFlops())).orElse(OptionalDouble.empty());
        }
        int threads = j.intParam("threads"); // 0 where unknown: no probe runs with 0 threads
        return f.jmh().stream().filter(r -> r.benchmarkClass().equals("RooflineBenchmark")
                && r.method().equals("fmaPeak") && r.jmhThreads() == threads && !Double.isNaN(r.flops()))
                .mapToDouble(JmhRecord::flops).findFirst();
    }

    /** images/s ± error of a NetworkBenchmark method at the headline batch and threads, or "—". */
    private String images(String backend, String model, String method) {
        return networkResult(backend, model, method).map(ReportPage::images).orElse("—");
    }

    /** The NetworkBenchmark result of a method at the headline batch and threads (the first file's, if several). */
    private Optional<JmhRecord> networkResult(String backend, String model, String method) {
        return folder.jmh().stream()
                .filter(j -> j.benchmarkClass().equals("NetworkBenchmark") && j.method().equals(method)
                        && j.param("backend").equals(backend) && j.param("model").equals(model)
                        && j.param("batch").equals(headline.batch()) && j.param("threads").equals(headline.threads()) && j.hasImages())
                .findFirst();
    }

    /** Single layers of every machine, the other machines' with their folder named beside the backend. */
    private List<Map<String, String>> layerRows() {
        List<Map<String, String>> rows = new ArrayList<>(rows(folder, "LayerBenchmark", ""));
        others.forEach(other -> rows.addAll(rows(other, "LayerBenchmark", " (" + other.name() + ")")));
        return rows;
    }

    /** A folder's results of one benchmark class as table rows, with GFLOP/s and the fraction of peak. */
    private static List<Map<String, String>> rows(ResultsFolder f, String benchmarkClass, String backendSuffix) {
        return f.jmh().stream().filter(j -> j.benchmarkClass().equals(benchmarkClass) && j.hasImages())
                .sorted(Comparator.comparing((JmhRecord j) -> j.param("backend")).thenComparing(j -> j.param("layer"))
                        .thenComparing(JmhRecord::method).thenComparingInt(j -> j.intParam("batch")))
                .map(j -> resultRow(f, j, j.param("backend") + backendSuffix))
                .toList();
    }

    private static Map<String, String> resultRow(ResultsFolder f, JmhRecord j, String backend) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("backend", backend);
        row.put("model", j.param("model"));
        row.put("layer", j.param("layer"));
        row.put("method", j.method());
        row.put("batch", j.param("batch"));
        row.put("threads", j.param("threads"));
        row.put("images", images(j));
        row.put("gflops", flopsPerSecond(j).stream().mapToObj(v -> String.format(Locale.ROOT, "%,.1f", v / 1e9))
                .findFirst().orElse("—"));
        row.put("ofPeak", ofPeak(f, j));
        return row;
    }

    private static Map<String, String> runRow(AccuracyRun r) {
        return Map.of("name", r.name(), "backend", r.backend(), "model", r.model(), "epochs", r.epochsText(),
                "accuracy", percent(r.finalAccuracy()), "batch", String.valueOf(r.batch()), "optimizer", r.optimizer(),
                "schedule", r.schedule(), "threads", String.valueOf(r.threads()));
    }

    /** Every JMH result that the baseline also has, regressions first. */
    private List<Map<String, String>> baselineRows() {
        if (baseline == null) {
            return List.of();
        }
        return BaselineComparison.compare(baseline, folder).stream()
                .sorted(Comparator.comparing(BaselineComparison::verdict))
                .map(c -> Map.of("benchmark", c.benchmark(), "parameters", c.parameters(),
                        "baseline", withError(c.baseline(), c.baselineError()), "now", images(c.nowRecord()),
                        "change", String.format(Locale.ROOT, "%+.1f %%", c.changePercent()),
                        "verdict", isWrong(c.nowRecord()) ? WrongOnThisMachine.MARK + ": not compared"
                                : switch (c.verdict()) {
                                    case REGRESSION -> "regression";
                                    case IMPROVEMENT -> "faster";
                                    case WITHIN_ERROR -> "within the error bars";
                                    case UNSTABLE -> "unstable (an error over "
                                            + Math.round(100 * JmhRecord.UNSTABLE_ERROR) + " % of the score): not compared";
                                },
                        "class", c.verdict() == BaselineComparison.Verdict.REGRESSION || isWrong(c.nowRecord()) ? "fail" : ""))
                .toList();
    }

    /** Table rows with the backend marked where its pair with the row's model is wrong on this machine. */
    private List<Map<String, String>> marked(List<Map<String, String>> rows) {
        rows.forEach(row -> row.put("backend", wrong.label(row.get("backend"), row.get("backend"), row.get("model"))));
        return rows;
    }

    private boolean isWrong(JmhRecord j) {
        return wrong.isWrong(j.param("backend"), j.param("model"));
    }

    /** Digits drawn per run: enough to see what goes wrong, small enough to keep the file light (≈ 300 bytes each). */
    static final int DIGITS_SHOWN = 48;

    /**
     * Per training run: the confusion matrix as a heat map (off-diagonal cells shaded by their share of the largest
     * off-diagonal count) and the first misclassified test digits drawn from the MNIST test set.
     */
    private List<Map<String, Object>> errorRuns() {
        DigitImages images = new DigitImages();
        List<Map<String, Object>> list = new ArrayList<>();
        for (AccuracyRun run : folder.runs()) {
            int[][] m = run.confusion();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", run.name());
            entry.put("open", list.isEmpty());
            entry.put("errors", run.misclassified().length);
            entry.put("classes", java.util.stream.IntStream.range(0, m.length).boxed().toList());
            entry.put("rows", heatMapRows(m));
            Optional<org.lenetbench.data.ImageSet> test = run.misclassified().length == 0 ? Optional.empty()
                    : images.testSet(run.dataDirectory());
            List<Map<String, String>> digits = new ArrayList<>();
            test.ifPresent(set -> java.util.Arrays.stream(run.misclassified()).limit(DIGITS_SHOWN)
                    .filter(index -> index < set.count())
                    .forEach(index -> digits.add(Map.of("index", String.valueOf(index),
                            "label", String.valueOf(set.label(index)), "uri", DigitImages.pngDataUri(set, index)))));
            entry.put("digits", digits);
            entry.put("hasDigits", !digits.isEmpty());
            entry.put("shown", digits.size());
            entry.put("noDigits", run.misclassified().length == 0 ? "No test digit was misclassified."
                    : "The MNIST test images are not on this machine (neither " + run.dataDirectory()
                            + " nor the cache), so the misclassified digits are not drawn.");
            list.add(entry);
        }
        return list;
    }

    /** Confusion-matrix rows: the diagonal green, other non-zero cells red by their share of the largest of them. */
    private static List<Map<String, Object>> heatMapRows(int[][] m) {
        int maxOff = 1;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                maxOff = i == j ? maxOff : Math.max(maxOff, m[i][j]);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            List<Map<String, String>> cells = new ArrayList<>();
            for (int j = 0; j < m[i].length; j++) {
                String style = i == j ? "background: rgba(40, 140, 60, 0.25)"
                        : m[i][j] == 0 ? "" : String.format(Locale.ROOT, "background: rgba(200, 30, 30, %.2f)",
                                0.1 + 0.8 * m[i][j] / maxOff);
                cells.add(Map.of("count", String.valueOf(m[i][j]), "style", style));
            }
            rows.add(Map.of("label", String.valueOf(i), "cells", cells));
        }
        return rows;
    }

    /**
     * Whole networks on every machine side by side: one row per backend, model, direction, batch and threads that
     * any machine measured; per machine its images/s (marked where unstable) and the fraction of its own peak.
     */
    private List<Map<String, Object>> acrossMachines() {
        if (others.isEmpty()) {
            return List.of();
        }
        record Key(String backend, String model, String method, int batch, int threads) {
        }
        Map<Key, JmhRecord[]> byKey = new TreeMap<>(Comparator.comparing(Key::backend).thenComparing(Key::model)
                .thenComparing(Key::method).thenComparingInt(Key::batch).thenComparingInt(Key::threads));
        for (int m = 0; m < machines.size(); m++) {
            for (JmhRecord j : machines.get(m).jmh()) {
                if (j.benchmarkClass().equals("NetworkBenchmark") && j.hasImages()) {
                    Key key = new Key(j.param("backend"), j.param("model"), j.method(), j.intParam("batch"), j.intParam("threads"));
                    byKey.computeIfAbsent(key, k -> new JmhRecord[machines.size()])[m] = j;
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byKey.forEach((key, results) -> {
            List<Map<String, String>> cells = new ArrayList<>();
            for (int m = 0; m < results.length; m++) {
                JmhRecord j = results[m];
                cells.add(j == null ? Map.of("images", "—", "ofPeak", "—")
                        : Map.of("images", images(j), "ofPeak", ofPeak(machines.get(m), j)));
            }
            rows.add(Map.of("backend", key.backend(), "model", key.model(), "method", key.method(),
                    "batch", String.valueOf(key.batch()), "threads", String.valueOf(key.threads()), "cells", cells));
        });
        return rows;
    }

    /** This folder's checks, then the other machines' with their folder named beside the backend. */
    private List<CrossCheckRow> allCrossChecks() {
        List<CrossCheckRow> rows = new ArrayList<>(folder.crossCheck());
        for (ResultsFolder other : others) {
            other.crossCheck().forEach(c -> rows.add(new CrossCheckRow(c.backend() + " (" + other.name() + ")",
                    c.model(), c.check(), c.status(), c.error(), c.tolerance(), c.detail())));
        }
        return rows;
    }

    private List<Map<String, String>> crossCheck() {
        Map<String, List<CrossCheckRow>> byPair = new TreeMap<>();
        allCrossChecks().forEach(c -> byPair.computeIfAbsent(c.backend() + " " + c.model(), k -> new ArrayList<>()).add(c));
        List<Map<String, String>> rows = new ArrayList<>();
        byPair.forEach((pair, checks) -> {
            long failed = checks.stream().filter(c -> c.status().equals("FAIL")).count();
            double worst = checks.stream().filter(c -> !c.status().equals("SKIPPED")).mapToDouble(CrossCheckRow::error)
                    .filter(Double::isFinite).max().orElse(0);
            rows.add(Map.of("backend", checks.getFirst().backend(), "model", checks.getFirst().model(),
                    "passed", String.valueOf(checks.stream().filter(c -> c.status().equals("PASS")).count()),
                    "failed", String.valueOf(failed),
                    "skipped", String.valueOf(checks.stream().filter(c -> c.status().equals("SKIPPED")).count()),
                    "worst", String.format(Locale.ROOT, "%.1e", worst), "verdict", failed == 0 ? "pass" : "FAIL"));
        });
        return rows;
    }

    private List<Map<String, String>> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        folder.jmh().stream().map(JmhRecord::jdk).filter(s -> !s.isEmpty()).distinct()
                .forEach(v -> env.merge("JDK (JMH forks)", v, (a, b) -> a + ", " + b));
        folder.jmh().stream().map(j -> String.join(" ", j.jvmArgs())).distinct()
                .forEach(v -> env.merge("JVM flags (JMH forks)", v, (a, b) -> a + " | " + b));
        folder.runs().stream().map(r -> r.backend() + ": " + r.engineVersion()).distinct()
                .forEach(v -> env.merge("engines (training runs)", v, (a, b) -> a + "; " + b));
        describeMachine(folder, "", env);
        folder.mode().ifPresent(m -> env.put("benchmark suite mode", m));
        others.forEach(other -> describeMachine(other, ", " + other.name(), env));
        return env.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
    }

    /** A folder's measured limits, machine.txt and place, each key ending with {@code suffix}. */
    private static void describeMachine(ResultsFolder f, String suffix, Map<String, String> env) {
        f.jmh().stream().filter(j -> j.benchmarkClass().equals("RooflineBenchmark"))
                .sorted(Comparator.comparing(JmhRecord::method).thenComparing(JmhRecord::jmhThreads))
                .forEach(j -> env.put((j.method().equals("fmaPeak")
                        ? "fp32 FMA peak, " + j.jmhThreads() + " thread(s) (RooflineBenchmark)"
                        : "memory bandwidth, triad, " + j.jmhThreads() + " thread(s) (RooflineBenchmark)") + suffix,
                        j.method().equals("fmaPeak") ? String.format(Locale.ROOT, "%.1f GFLOP/s", j.flops() / 1e9)
                                : String.format(Locale.ROOT, "%.1f GB/s", j.bytes() / 1e9)));
        f.deviceRoofline().ifPresent(r -> {
            env.put("GPU" + suffix, r.device());
            env.put("GPU fp32 FMA peak (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.0f GFLOP/s", r.fmaFlops() / 1e9));
            env.put("GPU memory bandwidth, triad (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.0f GB/s", r.triadBytesPerSecond() / 1e9));
            r.uploadBytesPerSecond().ifPresent(upload -> env.put(
                    "Upload of a Java float[] to the GPU (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.1f GB/s", upload / 1e9)));
        });
        if (!f.machine().isEmpty()) {
            env.put("machine (" + ResultsFolder.MACHINE_FILE + ")" + suffix, f.machineText());
        }
        env.put("results folder" + suffix, f.dir().toString());
    }

    /**
     * Each folder's jcuda step profile (GpuStepProfile), per phase: the time by operation, largest first, and every
     * copy and launch in the order it ran.
     */
    private List<Map<String, Object>> stepProfiles() {
        List<Map<String, Object>> phases = new ArrayList<>();
        for (ResultsFolder f : machines) {
            f.stepProfile().ifPresent(profile -> phases.addAll(stepProfile(profile)));
        }
        return phases;
    }

    private static List<Map<String, Object>> stepProfile(StepProfile profile) {
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Map.Entry<String, StepProfile.Phase> named : List.of(Map.entry("training step", profile.trainStep()),
                Map.entry("forward pass", profile.forward()))) {
            StepProfile.Phase phase = named.getValue();
            Map<String, double[]> byName = new LinkedHashMap<>(); // milliseconds, operations
            List<Map<String, String>> sequence = new ArrayList<>();
            for (StepProfile.Operation op : phase.operations()) {
                double[] sum = byName.computeIfAbsent(op.name(), name -> new double[2]);
                sum[0] += op.medianMillis();
                sum[1]++;
                sequence.add(Map.of("index", String.valueOf(sequence.size() + 1), "operation", op.name(),
                        "size", op.isCopy() ? String.format(Locale.ROOT, "%,.2f MiB", op.size() / 1048576.0)
                                : String.format(Locale.ROOT, "%,d threads", op.size()),
                        "millis", String.format(Locale.ROOT, "%.3f", op.medianMillis()),
                        "share", share(op.medianMillis(), phase.totalMillis())));
            }
            List<Map<String, String>> totals = byName.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).reversed())
                    .map(e -> Map.of("operation", e.getKey(), "calls", String.format(Locale.ROOT, "%.0f", e.getValue()[1]),
                            "millis", String.format(Locale.ROOT, "%.3f", e.getValue()[0]),
                            "share", share(e.getValue()[0], phase.totalMillis())))
                    .toList();
            phases.add(Map.of("title", String.format(Locale.ROOT,
                    "jcuda %s, %s at batch %,d: %.3f ms in all, each copy and launch waited for (median of %d; %s)",
                    named.getKey(), profile.model(), profile.batch(), phase.totalMillis(), profile.steps(),
                    profile.device()), "totals", totals, "sequence", sequence));
        }
        return phases;
    }

    private static String share(double part, double total) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * part / total);
    }

    /** The charts' data as JSON: accuracy per epoch per run; network and layer images/s with their errors. */
    private String chartData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accuracy", folder.runs().stream().map(r -> Map.of("label", wrong.label(r.name(), r.backend(), r.model()),
                "points", r.epochs().stream().map(e -> List.of(e.epoch(), 100 * e.testAccuracy())).toList())).toList());
        data.put("network", bars("NetworkBenchmark", j -> wrong.label(j.param("backend") + " " + j.param("model") + " b"
                + j.param("batch") + " t" + j.param("threads"), j.param("backend"), j.param("model")), JmhRecord::method));
        data.put("layers", bars("LayerBenchmark", j -> j.param("layer"),
                j -> wrong.label(j.param("backend") + " " + j.method(), j.param("backend"), j.param("model"))));
        data.put("roofline", rooflineData());
        data.put("acrossMachines", others.isEmpty() ? Map.of("categories", List.of(), "series", List.of())
                : acrossMachinesBars());
        try {
            return Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ceilings in GFLOP/s and GB/s, and the layer results of every machine grouped by series. */
    private Map<String, Object> rooflineData() {
        List<RooflineChart.Point> points = new ArrayList<>(RooflineChart.points(folder, ""));
        others.forEach(other -> points.addAll(RooflineChart.points(other, " (" + other.name() + ")")));
        Map<String, List<Map<String, Object>>> bySeries = new LinkedHashMap<>();
        points.forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(Map.of("x", p.intensity(),
                "y", p.gflops(), "error", p.gflopsError(), "name", p.label())));
        return Map.of("roofs", RooflineChart.roofs(folder, others).stream().map(r -> Map.of("label", r.label(),
                        "peak", r.peakFlops() / 1e9, "bandwidth", r.bytesPerSecond() / 1e9)).toList(),
                "series", bySeries.entrySet().stream().map(e -> Map.of("label", e.getKey(), "points", e.getValue())).toList());
    }

    /**
     * Whole networks on every machine: per model and direction (categories), each backend's best images/s over the
     * batch sizes and thread counts it was measured at (series: backend and machine), the batch and threads named.
     */
    private Map<String, Object> acrossMachinesBars() {
        record Bar(String series, String category) {
        }
        Map<Bar, JmhRecord> best = new LinkedHashMap<>();
        for (int m = 0; m < machines.size(); m++) {
            ResultsFolder f = machines.get(m);
            String machine = machineLabels.get(m);
            f.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark") && j.hasImages())
                    .forEach(j -> best.merge(new Bar((f == folder ? wrong.label(j.param("backend"), j.param("backend"),
                            j.param("model")) : j.param("backend")) + " (" + machine + ")", j.param("model") + " "
                            + (j.method().equals("forward") ? "inference" : "training")), j,
                            (a, b) -> a.images() >= b.images() ? a : b));
        }
        List<String> categories = best.keySet().stream().map(Bar::category).distinct().sorted().toList();
        record Series(double[] values, double[] errors, String[] notes) {
        }
        Map<String, Series> bySeries = new LinkedHashMap<>();
        best.forEach((bar, j) -> {
            int n = categories.size(), i = categories.indexOf(bar.category());
            Series s = bySeries.computeIfAbsent(bar.series(), k -> new Series(new double[n], new double[n], new String[n]));
            s.values[i] = j.images();
            s.errors[i] = Double.isNaN(j.imagesError()) ? 0 : j.imagesError();
            s.notes[i] = "batch " + j.param("batch") + ", " + j.param("threads") + " threads"
                    + (j.unstable() ? ", " + unstableNote(j) : "");
        });
        List<Map<String, Object>> series = new ArrayList<>();
        bySeries.forEach((name, s) -> series.add(Map.of("label", name, "values", s.values, "errors", s.errors, "notes", s.notes)));
        return Map.of("categories", categories, "series", series);
    }

    /**
     * A grouped bar chart: categories on the x axis, one series per name, images/s with JMH's error. A category with
     * an unstable result among its bars is labelled so.
     */
    private Map<String, Object> bars(String benchmarkClass, java.util.function.Function<JmhRecord, String> plainCategory,
            java.util.function.Function<JmhRecord, String> series) {
        List<JmhRecord> records = folder.jmh().stream().filter(j -> j.benchmarkClass().equals(benchmarkClass) && j.hasImages()).toList();
        Set<String> unstable = new java.util.HashSet<>();
        records.stream().filter(JmhRecord::unstable).forEach(j -> unstable.add(plainCategory.apply(j)));
        java.util.function.Function<JmhRecord, String> category = j -> {
            String c = plainCategory.apply(j);
            return unstable.contains(c) ? c + " (unstable)" : c;
        };
        List<String> categories = records.stream().map(category).distinct().toList();
        Map<String, double[][]> bySeries = new LinkedHashMap<>();
        for (JmhRecord j : records) {
            double[][] values = bySeries.computeIfAbsent(series.apply(j), k -> new double[2][categories.size()]);
            int i = categories.indexOf(category.apply(j));
            values[0][i] = j.images();
            values[1][i] = Double.isNaN(j.imagesError()) ? 0 : j.imagesError();
        }
        List<Map<String, Object>> list = new ArrayList<>();
        bySeries.forEach((name, v) -> list.add(Map.of("label", name, "values", v[0], "errors", v[1])));
        return Map.of("categories", categories, "series", list);
    }

    /** A result's images/s with its error, marked where it is {@link JmhRecord#unstable() unstable}. */
    static String images(JmhRecord j) {
        String figure = withError(j.images(), j.imagesError());
        return j.unstable() ? figure + " " + unstableMark(j) : figure;
    }

    static String unstableMark(JmhRecord j) {
        return "(" + unstableNote(j) + ")";
    }

    /** "unstable: ±53 %", or "unstable: error unknown". */
    static String unstableNote(JmhRecord j) {
        double relative = j.relativeError();
        return Double.isNaN(relative) ? "unstable: error unknown"
                : String.format(Locale.ROOT, "unstable: ±%.0f %%", 100 * relative);
    }

    private static String withError(double value, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", value, error);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** Text placed inside a script element must not contain "</" (it would end the element). */
    private static String scriptSafe(String text) {
        return text.replace("</", "<\\/");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (the chart.js webjar must be on the class path)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
