package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetbench.util.AtomicFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the HTML report of a results folder, and of other machines' beside it:
 * {@code ReportMain --results DIR[,DIR…] [--crosscheck FILE] [--gpu-results DIR] [--baseline DIR] --out FILE}.
 */
@Command(name = "lenet-report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML file from a folder of results.")
public final class ReportMain implements Callable<Integer> {
    @Option(names = "--results", required = true, split = ",", paramLabel = "DIR",
            description = "Folder with JMH JSON files and training-run folders (each with results.json); several, "
                    + "comma-separated, for several machines: the first is reported in full, and every one's whole-network "
                    + "results are shown side by side, each labelled by its machine.txt.")
    List<Path> results;

    @Option(names = "--crosscheck", paramLabel = "FILE", description = "JSON of `lenet crosscheck --json` (used if it exists).")
    Path crossCheck;

    @Option(names = "--gpu-results", paramLabel = "DIR",
            description = "Results of a GPU machine (scripts/gpu-run), shown beside the others (used if it exists).")
    Path gpuResults;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "An earlier results folder (used if it exists): every JMH result is compared with it, regressions beyond the error bars flagged.")
    Path baseline;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try {
            ResultsFolder folder = ResultsFolder.load(results.getFirst(), crossCheck);
            List<ResultsFolder> others = new java.util.ArrayList<>();
            for (Path other : results.subList(1, results.size())) {
                others.add(ResultsFolder.load(other, null));
            }
            ResultsFolder gpu = loadIfPresent(gpuResults, "no GPU results at %s: the report shows no GPU machine");
            if (gpu != null) {
                others.add(gpu);
            }
            ResultsFolder before = loadIfPresent(baseline, "no baseline at %s: the report compares with no earlier run");
            String html = new ReportPage(folder, others, before).render();
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
            copyFlameGraphs(folder, out.toAbsolutePath().getParent().resolve(ResultsFolder.FLAME_GRAPHS));
            AtomicFiles.write(out, html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println("wrote " + out + " (" + folder.jmh().size() + " JMH results, " + folder.runs().size()
                    + " training runs, " + folder.studies().size() + " seed studies, " + folder.crossCheck().size()
                    + " cross-checks)");
            List<JmhRecord> unstable = folder.jmh().stream().filter(j -> !j.benchmarkClass().equals("RooflineBenchmark"))
                    .filter(JmhRecord::unstable).toList();
            if (!unstable.isEmpty()) {
                System.out.println("UNSTABLE (an error over " + Math.round(100 * JmhRecord.UNSTABLE_ERROR)
                        + " % of the value, or unknown; marked in the report): " + unstable.size() + " result(s)");
                boolean shortByDesign = folder.mode().filter(m -> m.equals("quick") || m.equals("smoke")).isPresent();
                if (shortByDesign) { // its iterations are too short to be steady by design: the count says enough
                    System.out.println("  (the " + folder.mode().orElseThrow() + " mode's runs are short by design)");
                } else {
                    unstable.forEach(j -> System.out.println("  " + j.describe() + ": " + (j.hasImages()
                            ? Figures.images(j) + " img/s" : j.score() + " ± " + j.error() + " " + j.unit())));
                }
            }
            if (before != null) {
                long regressions = BaselineComparison.compare(before, folder).stream()
                        .filter(c -> c.verdict() == BaselineComparison.Verdict.REGRESSION).count();
                System.out.println(regressions + " regression(s) beyond the error bars against " + baseline);
            }
            return 0;
        } catch (ReportInputException e) {
            System.err.println("lenet-report: " + e.getMessage());
            return 2;
        }
    }

    /** An optional folder: loaded when given and there, null (saying so when it was given) otherwise. */
    private static ResultsFolder loadIfPresent(Path dir, String missing) throws java.io.IOException {
        if (dir != null && java.nio.file.Files.isDirectory(dir)) {
            return ResultsFolder.load(dir, null);
        }
        if (dir != null) {
            System.out.println(missing.formatted(dir));
        }
        return null;
    }

    /** The flame graphs go beside the report, where its relative links point. */
    private static void copyFlameGraphs(ResultsFolder folder, Path target) throws java.io.IOException {
        for (Path relative : folder.flameGraphs()) {
            Path to = target.resolve(relative);
            java.nio.file.Files.createDirectories(to.getParent());
            java.nio.file.Files.copy(folder.dir().resolve(ResultsFolder.FLAME_GRAPHS).resolve(relative), to,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportMain()).execute(args));
    }
}
