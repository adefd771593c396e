package org.lenetbench.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;

import org.lenetbench.model.ModelWork;

/**
 * The report as one HTML string: the sections' records (each made by its own builder from the {@link ResultsFolder}s)
 * rendered with the Mustache template {@code report.mustache}, with Chart.js (from its webjar) and the page's script
 * inlined, so the file opens offline and loads nothing.
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

        SummarySection summarySection = new SummarySection(folder, wrong, headline);
        List<SummarySection.Row> summary = summarySection.rows();
        page.put("summary", summary);
        page.put("headline", headline.describe());
        page.put("headlineAssumed", folder.settings().isPresent() ? List.of() : List.of("This folder does not record"
                + " the suite's settings (" + SuiteSettings.FILE_NAME + "): the summary shows "
                + SuiteSettings.BEFORE_RECORDED.describe() + ", the headline settings of every mode before the suite"
                + " recorded them."));
        page.put("workMissing", machines.stream().filter(f -> f.workCounts().isEmpty()).map(f -> f.name()
                + " does not record the models' FLOP and byte counts (" + ModelWork.FILE_NAME + ", written by the"
                + " suite since 2026-12-06): its FLOP rates, fractions of peak and roofline points are not shown.")
                .toList());
        List<SummarySection.Reproduce> reproduce = summarySection.reproduce(summary);
        page.put("reproduce", reproduce);
        page.put("hasReproduce", !reproduce.isEmpty());
        page.put("unstable", unstableNotice());
        page.put("wrong", wrong.all().stream().map(f -> f.backend() + " " + f.model() + ": " + f.describe()).toList());
        page.put("backends", folder.backends().stream().map(b -> new Backend(b.id(), b.engine(), b.version(),
                b.available() ? "available" : "skipped: " + b.reason())).toList());
        page.put("hasBackends", !folder.backends().isEmpty());

        ResultTables tables = new ResultTables(wrong);
        page.put("network", tables.networks(folder)); // the GPU's are in the section across machines
        page.put("layers", tables.layers(folder, others));
        List<Run> runs = new ArrayList<>();
        folder.runs().forEach(r -> runs.add(new Run(r.name(), r.backend(), r.model(), r.epochsText(),
                Figures.percent(r.finalAccuracy()), String.valueOf(r.batch()), r.optimizer(), r.schedule(),
                String.valueOf(r.threads()))));
        for (SeedStudyRuns study : folder.studies()) { // one row: the seeds' mean, spread and range
            AccuracyRun first = study.seeds().getFirst();
            runs.add(new Run(study.name(), study.backend(), study.model(), study.epochsText(), study.accuracyText(),
                    String.valueOf(first.batch()), first.optimizer(), first.schedule(), String.valueOf(first.threads())));
        }
        page.put("runs", runs);
        page.put("errorRuns", ErrorsSection.of(folder.runsAndFirstSeeds()));
        page.put("flameGraphs", folder.flameGraphs().stream().map(p -> new FlameGraph(p.getName(0).toString(),
                p.getFileName().toString().replace(".html", ""),
                ResultsFolder.FLAME_GRAPHS + "/" + p.toString().replace('\\', '/'))).toList());
        page.put("hasFlameGraphs", !folder.flameGraphs().isEmpty());
        page.put("flameGraphFailures", folder.flameGraphFailures());

        page.put("hasBaseline", baseline != null);
        page.put("baselineFolder", baseline == null ? "" : baseline.dir().toString());
        page.put("baseline", baseline == null ? List.of() : BaselineSection.of(baseline, folder, wrong));
        page.put("baselineMachine", baseline == null ? List.of()
                : BaselineComparison.machineWarning(baseline, folder).stream().toList());

        AcrossMachinesSection acrossMachines = new AcrossMachinesSection(machines, machineLabels, wrong);
        page.put("hasOthers", !others.isEmpty());
        page.put("machines", machineLabels.stream().map(MachineLabel::new).toList());
        page.put("acrossMachines", acrossMachines.rows());
        page.put("stepProfiles", StepProfileSection.of(machines));
        List<CrossCheckRow> checks = CrossCheckSection.allChecks(folder, others);
        page.put("crossCheck", CrossCheckSection.of(checks));
        page.put("hasCrossCheck", !checks.isEmpty());
        page.put("environment", EnvironmentSection.of(folder, others));
        List<RawJmh> raw = new ArrayList<>();
        folder.rawJmh().forEach((name, json) -> raw.add(new RawJmh(name, json)));
        for (ResultsFolder other : others) {
            other.rawJmh().forEach((name, json) -> raw.add(new RawJmh(other.name() + "/" + name, json)));
        }
        page.put("raw", raw);
        page.put("data", scriptSafe(ChartData.json(folder, others, wrong, acrossMachines)));
        page.put("chartJs", scriptSafe(resource(CHART_JS).replaceAll("//# sourceMappingURL=\\S+", "")));
        page.put("pageJs", scriptSafe(resource("report.js")));
        return Mustache.compiler().escapeHTML(true).compile(resource("report.mustache")).execute(page);
    }

    record Backend(String id, String engine, String version, String status) {
    }

    record Run(String name, String backend, String model, String epochs, String accuracy, String batch,
            String optimizer, String schedule, String threads) {
    }

    record FlameGraph(String run, String kind, String href) {
    }

    record MachineLabel(String label) {
    }

    record RawJmh(String name, String json) {
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
