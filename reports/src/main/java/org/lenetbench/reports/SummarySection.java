package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The summary: per backend and model, whether it is right here, its accuracy and time to 99 % (mean ± standard
 * deviation and range where several seeds were trained), its images/s at the
 * headline batch and threads with the ratio to the fastest framework, and training's share of the machine's peak;
 * then the command behind each of those figures.
 */
final class SummarySection {
    record Row(String backend, String model, String correct, String correctClass, String accuracy, String to99,
            String train, String trainVsFramework, String inference, String inferenceVsFramework, String ofPeak) {
    }

    record Reproduce(String backend, String model, String figure, String command) {
    }

    private final ResultsFolder folder;
    private final WrongOnThisMachine wrong;
    private final SuiteSettings headline;

    SummarySection(ResultsFolder folder, WrongOnThisMachine wrong, SuiteSettings headline) {
        this.folder = folder;
        this.wrong = wrong;
        this.headline = headline;
    }

    /** Backend × model, in the order of the training runs and then the network results. */
    List<Row> rows() {
        Set<String> keys = new LinkedHashSet<>();
        folder.runsAndFirstSeeds().forEach(r -> keys.add(r.backend() + " " + r.model()));
        folder.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark"))
                .forEach(j -> keys.add(j.param("backend") + " " + j.param("model")));
        return keys.stream().map(key -> row(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1)))
                .toList();
    }

    private Row row(String backend, String model) {
        Optional<AccuracyRun> run = run(backend, model);
        Optional<SeedStudyRuns> study = folder.study(backend, model); // its mean and spread rather than one seed's
        Optional<WrongOnThisMachine.Finding> finding = wrong.find(backend, model);
        String correct = finding.map(WrongOnThisMachine.Finding::describe).orElse(
                folder.crossCheck().stream().anyMatch(c -> c.backend().equals(backend) && c.model().equals(model))
                        ? "right (cross-check passed)" : "not cross-checked");
        // a wrong engine's figures are measured, but they are not the speed or accuracy of a working engine
        java.util.function.UnaryOperator<String> mark = v -> finding.isEmpty() || v.equals("—") ? v
                : v + " (wrong results)";
        return new Row(backend, model, correct, finding.isPresent() ? "fail" : "",
                mark.apply(study.map(SeedStudyRuns::accuracyText).or(() -> run.map(r -> Figures.percent(r.finalAccuracy())
                        + (r.stoppedEarly() ? " after " + r.epochsText() : ""))).orElse("—")),
                study.map(SeedStudyRuns::secondsTo99Text).or(() -> run.map(r -> r.secondsTo99() == null ? "not reached"
                        : String.format(Locale.ROOT, "%.0f s", r.secondsTo99()))).orElse("—"),
                mark.apply(images(backend, model, "trainStep")),
                mark.apply(timesFastestFramework(backend, model, "trainStep")),
                mark.apply(images(backend, model, "forward")),
                mark.apply(timesFastestFramework(backend, model, "forward")),
                mark.apply(networkResult(backend, model, "trainStep").map(j -> Figures.ofPeak(folder, j)).orElse("—")));
    }

    /**
     * For each figure of the summary, the command that measures it again alone: a JMH run of that one benchmark with
     * the result's own settings, or the training run's own command line (as results.json recorded it).
     */
    List<Reproduce> reproduce(List<Row> rows) {
        List<Reproduce> commands = new ArrayList<>();
        for (Row row : rows) {
            String backend = row.backend(), model = row.model();
            networkResult(backend, model, "trainStep").ifPresent(j -> commands.add(
                    new Reproduce(backend, model, "training img/s", j.reproducingCommand())));
            networkResult(backend, model, "forward").ifPresent(j -> commands.add(
                    new Reproduce(backend, model, "inference img/s", j.reproducingCommand())));
            run(backend, model).filter(r -> !r.command().isEmpty()).ifPresent(r -> commands.add(
                    new Reproduce(backend, model, "test accuracy, time to 99 %"
                            + (folder.study(backend, model).isPresent() ? " (the first seed; the others differ in --seed)" : ""),
                            r.command())));
        }
        return commands;
    }

    /** The training run of a backend and model: a seed study's first seed where the suite ran several. */
    private Optional<AccuracyRun> run(String backend, String model) {
        return folder.study(backend, model).map(SeedStudyRuns::firstSeed)
                .or(() -> folder.runs().stream().filter(r -> r.name().equals(backend + "-" + model)).findFirst());
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

    /** images/s ± error of a NetworkBenchmark method at the headline batch and threads, or "—". */
    private String images(String backend, String model, String method) {
        return networkResult(backend, model, method).map(Figures::images).orElse("—");
    }

    /** The NetworkBenchmark result of a method at the headline batch and threads (the first file's, if several). */
    private Optional<JmhRecord> networkResult(String backend, String model, String method) {
        return folder.jmh().stream()
                .filter(j -> j.benchmarkClass().equals("NetworkBenchmark") && j.method().equals(method)
                        && j.param("backend").equals(backend) && j.param("model").equals(model)
                        && j.param("batch").equals(headline.batch()) && j.param("threads").equals(headline.threads())
                        && j.hasImages())
                .findFirst();
    }
}
