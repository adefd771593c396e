package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.data.ImageSet;

import com.fasterxml.jackson.databind.JsonNode;

/** The report made from the project's committed results, and from bad input. */
class ReportPageTest {
    private static final Path RESULTS = Path.of("..", "results", "2026-11-22-cpu-2core");
    private static final Path H100 = Path.of("..", "results", "2026-11-23-h100");
    /** Anything that makes a browser fetch: src/href to a URL, CSS url(), @import. */
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)|url\\(\\s*['\"]?(https?:|//)|@import");

    @TempDir
    Path dir;

    @Test
    void theCommittedResultsMakeASelfContainedReport() throws Exception {
        ResultsFolder folder = ResultsFolder.load(RESULTS, null);
        String html = new ReportPage(folder).render();
        assertFalse(EXTERNAL.matcher(html).find(), "the report must load nothing from outside the file");
        assertTrue(html.contains("Chart.js v4.5.1") || html.contains("chart.js v4.5.1") || html.contains("Chart.js"),
                "Chart.js inlined");
        for (String section : new String[] {"id=\"summary\"", "id=\"accuracy-chart\"", "id=\"network-chart\"",
            "id=\"layers-chart\"", "id=\"roofline-chart\"", "id=\"crosscheck\"", "id=\"environment\"", "id=\"raw\""}) {
            assertTrue(html.contains(section), section);
        }
        // every backend with a committed training run appears in the summary, with its measured accuracy
        for (AccuracyRun run : folder.runs()) {
            assertTrue(html.contains(run.name()), run.name());
        }
        assertTrue(html.contains("99.19 %"), "lenet5-modern's 99.19 % from the committed runs");
        assertTrue(html.contains("NetworkBenchmark-dl4j.json"), "raw JMH JSON included");
    }

    /** The committed roofline probe gives the machine's peak, and the summary the training's share of it. */
    @Test
    void trainingIsShownAsAFractionOfTheMeasuredPeak() throws Exception {
        ResultsFolder folder = ResultsFolder.load(RecordedWork.copyWithTodaysCounts(RESULTS, dir), null);
        String html = new ReportPage(folder).render();
        String summary = html.substring(html.indexOf("id=\"summary\""), html.indexOf("id=\"accuracy\""));
        // lenet5: 332,824 multiply-adds forward (`lenet models`), 3 passes × 2 FLOP
        String expected = vectorLenet5OfPeak(folder, 6.0 * 332_824);
        assertTrue(summary.contains(">" + expected + "<"), "vector lenet5 at " + expected + " of peak in " + summary);
        JmhRecord peak = folder.jmh().stream().filter(j -> j.method().equals("fmaPeak") && j.jmhThreads() == 2)
                .findFirst().orElseThrow();
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.1f GFLOP/s", peak.flops() / 1e9)), "the peak itself");
    }

    /** The summary's "of machine peak" for vector lenet5's training step at FLOP per image {@code flop}. */
    private static String vectorLenet5OfPeak(ResultsFolder folder, double flop) {
        JmhRecord peak = folder.jmh().stream().filter(j -> j.method().equals("fmaPeak") && j.jmhThreads() == 2)
                .findFirst().orElseThrow();
        JmhRecord train = folder.jmh().stream().filter(j -> j.method().equals("trainStep") && j.param("backend").equals("vector")
                && j.param("model").equals("lenet5") && j.param("batch").equals("64") && j.param("threads").equals("2"))
                .findFirst().orElseThrow();
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * train.images() * flop / peak.flops());
    }

    /**
     * FLOP rates come from the counts the suite recorded beside the results, not from the models of the code that
     * reads them: other recorded counts give other fractions, and a folder without them shows none and says why.
     */
    @Test
    void ratesUseTheCountsTheSuiteRecorded() throws Exception {
        Path copy = RecordedWork.copyWithTodaysCounts(RESULTS, dir);
        Path counts = copy.resolve(org.lenetbench.model.ModelWork.FILE_NAME);
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(counts);
        for (com.fasterxml.jackson.databind.JsonNode model : root.get("models")) {
            if (model.get("model").asText().equals("lenet5")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) model).put("trainStepFlop", 12.0 * 332_824);
            }
        }
        Files.write(counts, Json.MAPPER.writeValueAsBytes(root));
        ResultsFolder doubled = ResultsFolder.load(copy, null);
        String summary = summaryOf(new ReportPage(doubled).render());
        String expected = vectorLenet5OfPeak(doubled, 12.0 * 332_824);
        assertTrue(summary.contains(">" + expected + "<"), "the recorded count's " + expected + " in " + summary);

        Files.delete(counts);
        String html = new ReportPage(ResultsFolder.load(copy, null)).render();
        assertTrue(html.contains(copy.getFileName() + " does not record the models&#39; FLOP and byte counts")
                || html.contains(copy.getFileName() + " does not record the models' FLOP and byte counts")
                || html.contains(copy.getFileName() + " does not record the models&#x27; FLOP and byte counts"), "says why");
        String row = summaryOf(html).lines().filter(l -> l.contains("<td>vector</td><td>lenet5</td>")).findFirst()
                .orElseThrow();
        assertTrue(row.endsWith("<td class=\"num\">—</td></tr>"), "no fraction of peak without counts: " + row);
    }

    /**
     * The summary's "× fastest framework": each backend's images/s over the fastest framework's for the same model and
     * method, frameworks as backends.json says; a framework that is wrong on this machine does not count.
     */
    @Test
    void theSummaryComparesEachBackendWithTheFastestRightFramework() throws Exception {
        String result = """
                {"benchmark": "org.lenetbench.bench.NetworkBenchmark.trainStep", "vmVersion": "25", "jvmArgs": [],
                  "params": {"backend": "%s", "batch": "64", "model": "lenet5", "threads": "2"},
                  "primaryMetric": {"score": 1.0, "scoreError": 0.01, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"images": {"score": %s, "scoreError": %s, "scoreUnit": "ops/s"}}}""";
        Files.writeString(dir.resolve("NetworkBenchmark.json"), "[" + String.join(",",
                result.formatted("vector", "90000", "1000"), result.formatted("tfjava", "9000", "100"),
                result.formatted("djl", "8000", "1500")) + "]");
        Files.writeString(dir.resolve("backends.json"), """
                [{"id": "vector", "available": true, "computedByThisProject": true},
                 {"id": "tfjava", "available": true, "computedByThisProject": false},
                 {"id": "djl", "available": true, "computedByThisProject": false}]
                """);
        String summary = summaryOf(new ReportPage(ResultsFolder.load(dir, null)).render());
        assertTrue(summary.contains(">10.00× tfjava<"), summary);
        assertTrue(summary.contains(">1.00× tfjava<"), summary);
        assertTrue(summary.contains(">0.89× tfjava (unstable)<"), "djl's ±19 % makes its ratio unstable: " + summary);

        Files.writeString(dir.resolve("crosscheck.json"), """
                [{"backend": "tfjava", "model": "lenet5", "check": "gradients", "status": "FAIL", "error": 2.0,
                  "tolerance": 1e-4, "detail": "wrong"}]
                """);
        String withTfWrong = summaryOf(new ReportPage(ResultsFolder.load(dir, null)).render());
        assertTrue(withTfWrong.contains(">11.25× djl (unstable)<"), "a wrong framework is not the bar: " + withTfWrong);
    }

    /** Each summary figure comes with the command that measures it again alone, made from the result file itself. */
    @Test
    void eachSummaryFigureNamesTheCommandThatReproducesIt() throws Exception {
        Files.writeString(dir.resolve("NetworkBenchmark.json"), """
                [{"benchmark": "org.lenetbench.bench.NetworkBenchmark.trainStep", "vmVersion": "25", "threads": 1,
                  "forks": 1, "warmupIterations": 4, "warmupTime": "2 s", "measurementIterations": 10,
                  "measurementTime": "1 s", "jvmArgs": ["--add-modules=jdk.incubator.vector", "-Dx=y",
                  "--add-modules=jdk.incubator.vector"],
                  "params": {"backend": "vector", "batch": "64", "model": "lenet5", "threads": "2"},
                  "primaryMetric": {"score": 1.0, "scoreError": 0.01, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"images": {"score": 64.0, "scoreError": 0.64, "scoreUnit": "ops/s"}}}]
                """);
        String html = new ReportPage(ResultsFolder.load(dir, null)).render().replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&#x3D;", "=");
        String expected = "java --add-modules=jdk.incubator.vector -Dx=y -jar bench/target/benchmarks.jar "
                + "'NetworkBenchmark.trainStep$' -p backend=vector -p batch=64 -p model=lenet5 -p threads=2 "
                + "-f 1 -wi 4 -w 2s -i 10 -r 1s";
        assertTrue(html.contains("<code>" + expected + "</code>"), html.substring(html.indexOf("id=\"reproduce\"")));
    }

    /**
     * The summary's speeds are those at the batch and threads the suite recorded in settings.json; a folder without
     * the file shows batch 64 on 2 threads and says so.
     */
    @Test
    void theSummaryShowsTheHeadlineSettingsTheSuiteRecorded() throws Exception {
        String result = """
                {"benchmark": "org.lenetbench.bench.NetworkBenchmark.trainStep", "vmVersion": "25", "jvmArgs": [],
                  "params": {"backend": "vector", "batch": "%s", "model": "lenet5", "threads": "%s"},
                  "primaryMetric": {"score": 1.0, "scoreError": 0.01, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"images": {"score": %s, "scoreError": 1, "scoreUnit": "ops/s"}}}""";
        Files.writeString(dir.resolve("NetworkBenchmark.json"), "[" + result.formatted("64", "2", "4444") + ","
                + result.formatted("256", "1", "7777") + "]");
        Files.writeString(dir.resolve("backends.json"), """
                [{"id": "vector", "available": true, "computedByThisProject": true}]""");
        String unrecorded = summaryOf(new ReportPage(ResultsFolder.load(dir, null)).render());
        assertTrue(unrecorded.contains("4,444") && !unrecorded.contains("7,777"), unrecorded);
        assertTrue(unrecorded.contains("does not record the suite"), unrecorded);

        Files.writeString(dir.resolve("settings.json"), """
                {"mode": "default", "headline": {"batch": 256, "threads": 1}, "jmh": {"network": "-f 1 -wi 6"}}""");
        String recorded = summaryOf(new ReportPage(ResultsFolder.load(dir, null)).render());
        assertTrue(recorded.contains("7,777") && !recorded.contains("4,444"), recorded);
        assertTrue(recorded.contains("training img/s (batch 256, 1 thread)"), recorded);
        assertFalse(recorded.contains("does not record the suite"), recorded);

        Files.writeString(dir.resolve("settings.json"), "{\"headline\": {\"batch\": \"many\", \"threads\": 2}}");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("settings.json") && e.getMessage().contains("headline.batch"), e.getMessage());
    }

    private static String summaryOf(String html) {
        return html.substring(html.indexOf("id=\"summary\""), html.indexOf("id=\"accuracy\""));
    }

    /** A pair that failed the cross-check is marked in the summary, the charts and the baseline comparison. */
    @Test
    void aWrongEngineIsMarkedWhereverItsNumbersAppear() throws Exception {
        String result = """
                {"benchmark": "org.lenetbench.bench.NetworkBenchmark.trainStep", "vmVersion": "25", "jvmArgs": [],
                  "params": {"backend": "%s", "batch": "64", "model": "lenet5", "threads": "2"},
                  "primaryMetric": {"score": 10.0, "scoreError": 0.1, "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"images": {"score": 640.0, "scoreError": 6.4, "scoreUnit": "ops/s"}}}""";
        Files.writeString(dir.resolve("NetworkBenchmark.json"), "[" + result.formatted("wrongone") + ","
                + result.formatted("rightone") + "]");
        Files.writeString(dir.resolve("crosscheck.json"), """
                [{"backend": "wrongone", "model": "lenet5", "check": "gradients", "status": "FAIL", "error": 2.0,
                  "tolerance": 1e-3, "detail": "c1.weight[84] = -0.00039, reference -0.00149"},
                 {"backend": "wrongone", "model": "lenet5", "check": "forward", "status": "PASS", "error": 1e-7,
                  "tolerance": 1e-5, "detail": ""},
                 {"backend": "rightone", "model": "lenet5", "check": "gradients", "status": "PASS", "error": 1e-7,
                  "tolerance": 1e-3, "detail": ""}]
                """);
        ResultsFolder folder = ResultsFolder.load(dir, null);
        String html = new ReportPage(folder, List.of(), folder).render(); // its own baseline: every result compared
        String summary = html.substring(html.indexOf("id=\"summary\""), html.indexOf("id=\"accuracy\""));
        assertTrue(summary.contains("wrongone lenet5: WRONG ON THIS MACHINE: 1 failed check (gradients), largest error "
                + "2.0e+00; c1.weight[84]"), summary);
        assertTrue(summary.contains("640 ± 6 (wrong results)"), "its speed is marked: " + summary);
        assertTrue(summary.contains("right (cross-check passed)"), summary);
        assertTrue(html.contains("wrongone lenet5 b64 t2 (WRONG ON THIS MACHINE)"), "the network chart's label");
        assertTrue(html.contains("\"rightone lenet5 b64 t2\""), "the right one unmarked");
        String baseline = html.substring(html.indexOf("id=\"baseline\""));
        assertEquals(1, baseline.split("WRONG ON THIS MACHINE: not compared", -1).length - 1, baseline);
        assertTrue(baseline.contains("within the error bars"), "the right one compared");
    }

    @Test
    void nanFromJmhAndACrossCheckAreRead() throws Exception {
        Files.writeString(dir.resolve("NetworkBenchmark-x.json"), """
                [{"benchmark": "org.lenetbench.bench.NetworkBenchmark.trainStep", "vmVersion": "25", "jvmArgs": [],
                  "params": {"backend": "x", "batch": "64", "model": "lenet5", "threads": "2"},
                  "primaryMetric": {"score": 10.0, "scoreError": "NaN", "scoreUnit": "ops/s"},
                  "secondaryMetrics": {"images": {"score": 640.0, "scoreError": "NaN", "scoreUnit": "ops/s"}}}]
                """);
        Path cross = dir.resolve("crosscheck.json");
        Files.writeString(cross, """
                [{"backend": "x", "model": "lenet5", "check": "forward", "status": "FAIL", "error": 0.5, "tolerance": 1e-5,
                  "detail": "wrong"}]
                """);
        ResultsFolder folder = ResultsFolder.load(dir, cross);
        assertEquals(1, folder.jmh().size());
        assertTrue(Double.isNaN(folder.jmh().getFirst().imagesError()));
        String html = new ReportPage(folder).render();
        assertTrue(html.contains(">640 (unstable: error unknown)<"),
                "a score without an error is shown without one, and marked: nothing says it is steady");
        assertTrue(html.contains("FAIL"), "a failed cross-check is shown as failed");
    }

    /** The default mode's accuracy study has a time budget: a run it stopped says so, and "not reached" is not "—". */
    @Test
    void aRunStoppedByItsTimeBudgetSaysSoInTheSummary() throws Exception {
        ResultsFolder folder = ResultsFolder.load(Path.of("..", "results", "2026-12-05-cpu-2core-zen4-default-mode"), null);
        AccuracyRun stopped = folder.runs().stream().filter(r -> r.name().equals("dl4j-lenet5-modern")).findFirst().orElseThrow();
        AccuracyRun finished = folder.runs().stream().filter(r -> r.name().equals("vector-lenet5-modern")).findFirst().orElseThrow();
        assertTrue(stopped.stoppedEarly() && stopped.secondsTo99() == null, "the committed dl4j run stopped early, below 99 %");
        assertFalse(finished.stoppedEarly());
        String summary = summaryOf(new ReportPage(folder).render());
        String percent = String.format(java.util.Locale.ROOT, "%.2f %%", 100 * stopped.finalAccuracy());
        assertTrue(summary.contains(">" + percent + " after " + stopped.epochs().size() + " of 6 epochs (45 s budget spent)</td>"
                + "<td class=\"num\">not reached<"), summary);
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, ">%.2f %%</td><td class=\"num\">%.0f s<",
                100 * finished.finalAccuracy(), finished.secondsTo99())), summary);
    }

    /** A second machine's folder (here a copy of one measured CPU file under another name) is shown beside the first. */
    @Test
    void otherMachinesAreShownSideBySideAndAbsentOnesAreSaidSo() throws Exception {
        Path other = Files.createDirectories(dir.resolve("2026-12-01-h100"));
        Files.copy(RESULTS.resolve("NetworkBenchmark-dl4j.json"), other.resolve("NetworkBenchmark-jcuda.json"));
        Files.writeString(other.resolve("crosscheck-jcuda.json"), """
                [{"backend": "jcuda", "model": "lenet5", "check": "forward", "status": "PASS", "error": 1e-7, "tolerance": 1e-5,
                  "detail": ""}]
                """);
        ResultsFolder cpu = ResultsFolder.load(RESULTS, null);
        String html = new ReportPage(cpu, List.of(ResultsFolder.load(other, null))).render();
        String section = html.substring(html.indexOf("id=\"across-machines\""), html.indexOf("id=\"crosscheck\""));
        assertTrue(section.contains("<th>2026-11-22-cpu-2core: images/s</th>") && section.contains("<th>2026-12-01-h100: images/s</th>"),
                "both machines named (by their folders: neither has a machine.txt)");
        for (JmhRecord dl4j : ResultsFolder.load(other, null).jmh()) {
            String row = "<tr><td>dl4j</td><td>lenet5</td><td>" + dl4j.method() + "</td><td class=\"num\">"
                    + dl4j.param("batch") + "</td><td class=\"num\">" + dl4j.param("threads") + "</td>";
            String line = section.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError(row));
            String cell = "<td class=\"num\">" + Figures.images(dl4j) + "</td>";
            assertEquals(2, line.split(java.util.regex.Pattern.quote(cell), -1).length - 1, "the same result on both: " + line);
        }
        String vector = section.lines().filter(l -> l.startsWith("<tr><td>vector</td>")).findFirst().orElseThrow();
        assertTrue(vector.endsWith("<td class=\"num\">—</td><td class=\"num\">—</td></tr>"), "not measured there: " + vector);
        assertTrue(html.contains("jcuda (2026-12-01-h100)"), "the other run's cross-check in the matrix");
        assertTrue(html.contains("2026-12-01-h100/NetworkBenchmark-jcuda.json"), "its raw JSON too");
        assertTrue(new ReportPage(cpu).render().contains("No other machine's results were given"));
    }

    /** Three machines, each labelled by its machine.txt (the folder's name added where two describe the same). */
    @Test
    void anyNumberOfMachinesAreLabelledByTheirDescription() throws Exception {
        List<ResultsFolder> folders = new ArrayList<>();
        for (String name : new String[] {"zen4-a", "zen4-b", "zen5"}) {
            Path f = Files.createDirectories(dir.resolve(name));
            Files.copy(RESULTS.resolve("NetworkBenchmark-dl4j.json"), f.resolve("NetworkBenchmark.json"));
            Files.writeString(f.resolve("machine.txt"), "cpu: AMD EPYC (family " + (name.startsWith("zen5") ? 26 : 25)
                    + ") × 2 cores\nmemory: 24 GiB\n");
            folders.add(ResultsFolder.load(f, null));
        }
        String html = new ReportPage(folders.getFirst(), folders.subList(1, 3)).render();
        String section = html.substring(html.indexOf("id=\"across-machines\""), html.indexOf("id=\"crosscheck\""));
        for (String label : List.of("AMD EPYC (family 25) × 2 cores [zen4-a]", "AMD EPYC (family 25) × 2 cores [zen4-b]",
                "AMD EPYC (family 26) × 2 cores")) {
            assertTrue(section.contains("<th>" + label + ": images/s</th>"), label);
        }
        assertEquals(List.of("NVIDIA H100 80GB HBM3"), MachineLabels.of(List.of(ResultsFolder.load(H100, null))),
                "a GPU machine by its GPU, from nvidia-smi's line");
    }

    /** The committed H100 run: jcuda's results as a fraction of the GPU's measured peak, recomputed from the files. */
    @Test
    void gpuResultsAreMeasuredAgainstTheGpusOwnPeak() throws Exception {
        ResultsFolder h100 = ResultsFolder.load(RecordedWork.copyWithTodaysCounts(H100, dir), null);
        DeviceRoofline roofline = h100.deviceRoofline().orElseThrow();
        assertTrue(roofline.device().contains("H100"), roofline.device());
        JmhRecord train = h100.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark")
                && j.param("backend").equals("jcuda") && j.method().equals("trainStep") && j.param("batch").equals("4096"))
                .findFirst().orElseThrow();
        double flopsPerImage = 3 * 2.0 * org.lenetbench.model.Models.byName("lenet5").forwardMultiplyAdds();
        String expected = String.format(java.util.Locale.ROOT, "%.1f %%", 100 * train.images() * flopsPerImage / roofline.fmaFlops());

        String html = new ReportPage(ResultsFolder.load(RESULTS, null), List.of(h100)).render();
        String section = html.substring(html.indexOf("id=\"across-machines\""), html.indexOf("id=\"crosscheck\""));
        String row = section.lines().filter(l -> l.contains("<td>jcuda</td>") && l.contains("trainStep")
                && l.contains(">4096<")).findFirst().orElseThrow();
        assertTrue(row.contains(">" + expected + "<"), row + " should show " + expected);
        assertTrue(html.contains("GPU fp32 FMA peak (GpuRooflineProbe)"), "the GPU's peak in the environment");
        assertTrue(html.contains("jcuda (2026-11-23-h100)"), "the GPU's layer results and cross-check are shown");
        // vector on the GPU machine's CPU has no probe there: no fraction rather than one against the wrong peak
        String vectorRow = section.lines().filter(l -> l.startsWith("<tr><td>vector</td><td>lenet5</td><td>trainStep</td>"
                + "<td class=\"num\">64</td><td class=\"num\">16</td>")).findFirst().orElseThrow();
        assertTrue(vectorRow.endsWith("<td class=\"num\">—</td></tr>"), vectorRow);
    }

    /** The chart across machines: per model and direction, each backend's fastest result on each machine, its batch named. */
    @Test
    void theAcrossMachinesChartShowsEachBackendsFastestResult() throws Exception {
        ResultsFolder cpu = ResultsFolder.load(RESULTS, null), h100 = ResultsFolder.load(H100, null);
        String html = new ReportPage(cpu, List.of(h100)).render();
        String json = html.substring(html.indexOf("<script id=\"report-data\" type=\"application/json\">"));
        json = json.substring(json.indexOf('>') + 1, json.indexOf("</script>"));
        JsonNode chart = Json.MAPPER.readTree(json).get("acrossMachines");
        List<String> machineLabels = MachineLabels.of(List.of(cpu, h100));
        List<String> categories = new ArrayList<>();
        chart.get("categories").forEach(c -> categories.add(c.asText()));
        assertEquals(List.of("lenet5 inference", "lenet5 training"), categories);
        for (ResultsFolder f : List.of(cpu, h100)) {
            for (String backend : new String[] {"vector", f == cpu ? "dl4j" : "jcuda"}) {
                JmhRecord fastest = f.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark")
                        && j.param("backend").equals(backend) && j.method().equals("trainStep"))
                        .max(Comparator.comparingDouble(JmhRecord::images)).orElseThrow();
                String label = backend + " (" + machineLabels.get(f == cpu ? 0 : 1) + ")";
                JsonNode series = StreamSupport.stream(chart.get("series").spliterator(), false)
                        .filter(s -> s.get("label").asText().equals(label)).findFirst().orElseThrow(() -> new AssertionError(label));
                assertEquals(fastest.images(), series.get("values").get(1).asDouble(), label);
                assertEquals("batch " + fastest.param("batch") + ", " + fastest.param("threads") + " threads"
                        + (fastest.unstable() ? ", " + Figures.unstableMark(fastest).replaceAll("[()]", "") : ""),
                        series.get("notes").get(1).asText(), label);
            }
        }
    }

    /** bench-suite records `lenet backends --json`: a backend that could not run is listed with its reason. */
    @Test
    void backendsThatWereSkippedAreShownWithTheirReason() throws Exception {
        Files.copy(RESULTS.resolve("NetworkBenchmark-dl4j.json"), dir.resolve("NetworkBenchmark-dl4j.json"));
        Files.writeString(dir.resolve("backends.json"), """
                [{"id": "dl4j", "engine": "SameDiff", "version": "1.0.0-M2.1", "devices": ["cpu"], "available": true, "reason": null},
                 {"id": "jcuda", "engine": "CUDA", "version": "JCuda 12.6.0 (no GPU)", "devices": [], "available": false,
                  "reason": "no NVIDIA driver: libcuda.so.1 missing"}]
                """);
        String html = new ReportPage(ResultsFolder.load(dir, null)).render();
        assertTrue(html.contains("<td>jcuda</td><td>CUDA</td><td>JCuda 12.6.0 (no GPU)</td><td>skipped: no NVIDIA driver: libcuda.so.1 missing</td>"), html);
        assertTrue(html.contains("<td>dl4j</td><td>SameDiff</td><td>1.0.0-M2.1</td><td>available</td>"));

        Files.writeString(dir.resolve("backends.json"), "[{\"id\": \"x\", \"available\": \"yes\"}]");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("backends.json") && e.getMessage().contains("available"), e.getMessage());
    }

    /** bench-suite records its mode: the report names it, and warns that the quick and smoke modes' runs are short. */
    @Test
    void theSuitesModeIsShownAndShortModesAreFlagged() throws Exception {
        Files.copy(RESULTS.resolve("NetworkBenchmark-dl4j.json"), dir.resolve("NetworkBenchmark-dl4j.json"));
        String unmarked = new ReportPage(ResultsFolder.load(dir, null)).render();
        assertFalse(unmarked.contains("Benchmark suite mode"), "no mode.txt, no mode shown");

        Files.writeString(dir.resolve("mode.txt"), "smoke\n");
        String smoke = new ReportPage(ResultsFolder.load(dir, null)).render();
        assertTrue(smoke.contains("Benchmark suite mode: smoke."), smoke);
        assertTrue(smoke.contains("<p class=\"fail\">Benchmarks and training runs in the smoke mode are short"), smoke);

        Files.writeString(dir.resolve("mode.txt"), "full");
        String full = new ReportPage(ResultsFolder.load(dir, null)).render();
        assertTrue(full.contains("Benchmark suite mode: full."));
        assertFalse(full.contains("are short"));

        Files.writeString(dir.resolve("mode.txt"), "fast");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("mode.txt") && e.getMessage().contains("quick, default, full, smoke"),
                e.getMessage());
    }

    /** bench-suite and gpu-run describe the machine (machine.txt): the report says what measured its numbers. */
    @Test
    void theMachineThatMeasuredIsNamed() throws Exception {
        Files.copy(RESULTS.resolve("NetworkBenchmark-dl4j.json"), dir.resolve("NetworkBenchmark-dl4j.json"));
        String undescribed = new ReportPage(ResultsFolder.load(dir, null)).render();
        assertFalse(undescribed.contains("Measured on:"), "no machine.txt, no machine claimed");
        assertFalse(undescribed.contains("machine (machine.txt)"));

        Files.writeString(dir.resolve("machine.txt"), "cpu: AMD EPYC (family 26, model 2, stepping 1) × 2 cores\n\n"
                + "simd: avx2 fma avx512f\n");
        String html = new ReportPage(ResultsFolder.load(dir, null), List.of(ResultsFolder.load(H100, null))).render();
        assertTrue(html.contains("Measured on: cpu: AMD EPYC (family 26, model 2, stepping 1) × 2 cores; simd: avx2 fma "
                + "avx512f."), "the intro names the machine, blank lines left out");
        String environment = html.substring(html.indexOf("id=\"environment\""), html.indexOf("id=\"raw\""));
        assertTrue(environment.contains("<th>machine (machine.txt)</th><td>cpu: AMD EPYC (family 26"), environment);
        assertTrue(environment.contains("<th>machine (machine.txt), 2026-11-23-h100</th><td>name, driver_version"), environment);
        assertTrue(environment.contains("NVIDIA H100 80GB HBM3"), "the committed GPU run's own machine.txt");
    }

    /** Every committed run gets its confusion matrix as a heat map, and its misclassified digits or the reason not. */
    @Test
    void confusionMatricesAndMisclassifiedDigitsForEveryRun() throws Exception {
        ResultsFolder folder = ResultsFolder.load(RESULTS, null);
        String html = new ReportPage(folder).render();
        String section = html.substring(html.indexOf("id=\"errors\""), html.indexOf("id=\"across-machines\""));
        for (AccuracyRun run : folder.runs()) {
            assertTrue(section.contains("<summary>" + run.name() + ": " + run.misclassified().length + " test errors</summary>"),
                    run.name());
            int diagonal = run.confusion()[3][3];
            assertTrue(section.contains("rgba(40, 140, 60, 0.25)\">" + diagonal + "</td>"), run.name() + " diagonal");
        }
        // the committed runs are older than the recorded pixels: none drawn, and the page says why
        String firstRun = section.split("<details", -1)[1];
        assertEquals(0, firstRun.split("<img src=\"data:image/png;base64,", -1).length - 1);
        assertTrue(firstRun.contains("does not record the misclassified digits"), firstRun);
    }

    /** A run that recorded its misclassified digits gets them drawn, captioned, from results.json alone. */
    @Test
    void theRecordedMisclassifiedDigitsAreDrawn() throws Exception {
        Path run = Files.createDirectories(dir.resolve("results/vector-lenet5"));
        Path committedRun;
        try (java.util.stream.Stream<Path> entries = Files.list(RESULTS)) {
            committedRun = entries.map(p -> p.resolve("results.json")).filter(Files::isRegularFile).sorted().findFirst()
                    .orElseThrow();
        }
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.read(committedRun);
        byte[] pixels = new byte[3 * 28 * 28];
        java.util.Arrays.fill(pixels, (byte) 200);
        ImageSet test = new ImageSet("test", pixels, new byte[] {7, 2, 1}, 3, 28, 28);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("final")).set("misclassifiedDigits",
                Json.MAPPER.valueToTree(org.lenetbench.train.MisclassifiedDigit.firstOf(test, new int[] {2, 0})));
        Files.write(run.resolve("results.json"), Json.MAPPER.writeValueAsBytes(root));

        String html = new ReportPage(ResultsFolder.load(dir.resolve("results"), null)).render();
        String section = html.substring(html.indexOf("id=\"errors\""), html.indexOf("id=\"across-machines\""));
        assertEquals(2, section.split("<img src=\"data:image/png;base64,", -1).length - 1, section);
        assertTrue(section.contains("test image 2, label 1"), "captioned with index and label");
        assertTrue(section.contains("test image 0, label 7"), "in the recorded order");
    }

    @Test
    void aBrokenGpuRooflineIsNamedWithTheField() throws Exception {
        Files.writeString(dir.resolve("gpu-roofline.json"), """
                {"device": "a GPU", "fmaPeak": {"unit": "GFLOP/s", "median": "fast"}, "triadBandwidth": {"unit": "GB/s", "median": 1}}
                """);
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("gpu-roofline.json") && e.getMessage().contains("fmaPeak.median"), e.getMessage());
    }

    @Test
    void theUploadRateIsReadWhereTheProbeMeasuredIt() throws Exception {
        String limits = """
                "device": "a GPU", "fmaPeak": {"unit": "GFLOP/s", "median": 2}, "triadBandwidth": {"unit": "GB/s", "median": 1}""";
        Files.writeString(dir.resolve("gpu-roofline.json"), "{" + limits + "}");
        assertEquals(OptionalDouble.empty(),
                ResultsFolder.load(dir, null).deviceRoofline().orElseThrow().uploadBytesPerSecond());
        Files.writeString(dir.resolve("gpu-roofline.json"),
                "{" + limits + ", \"uploadBandwidth\": {\"unit\": \"GB/s\", \"median\": 21.5}}");
        assertEquals(OptionalDouble.of(21.5e9),
                ResultsFolder.load(dir, null).deviceRoofline().orElseThrow().uploadBytesPerSecond());
        Files.writeString(dir.resolve("gpu-roofline.json"),
                "{" + limits + ", \"uploadBandwidth\": {\"unit\": \"MB/s\", \"median\": 21.5}}");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("uploadBandwidth.median") && e.getMessage().contains("GB/s"), e.getMessage());
    }

    private static final String STEP_PROFILE = """
            {"device": "a GPU", "model": "lenet5", "batch": 4096, "steps": 20,
             "trainStep": {"operations": [
                {"operation": "upload", "size": 16777216, "medianMillis": 1.5},
                {"operation": "conv_forward_staged", "size": 1048576, "medianMillis": 0.25},
                {"operation": "conv_forward_staged", "size": 1048576, "medianMillis": MILLIS}], "totalMillis": 2.0},
             "forward": {"operations": [
                {"operation": "upload", "size": 16777216, "medianMillis": 1.5},
                {"operation": "download", "size": 163840, "medianMillis": 0.5}], "totalMillis": 2.0}}
            """;

    @Test
    void aGpuStepProfileIsShownByOperationAndInOrder() throws Exception {
        Files.writeString(dir.resolve("step-profile.json"), STEP_PROFILE.replace("MILLIS", "0.25"));
        String html = new ReportPage(ResultsFolder.load(RESULTS, null), List.of(ResultsFolder.load(dir, null))).render();
        String section = html.substring(html.indexOf("id=\"across-machines\""), html.indexOf("id=\"crosscheck\""));
        assertTrue(section.contains("jcuda training step, lenet5 at batch 4,096: 2.000 ms in all"), section);
        assertTrue(section.contains("jcuda forward pass, lenet5 at batch 4,096: 2.000 ms in all"), section);
        // by operation, the largest first: the upload, then both convolutions together
        int upload = section.indexOf("<tr><td>upload</td><td class=\"num\">1</td><td class=\"num\">1.500</td>"
                + "<td class=\"num\">75.0 %</td></tr>");
        int convolutions = section.indexOf("<tr><td>conv_forward_staged</td><td class=\"num\">2</td>"
                + "<td class=\"num\">0.500</td><td class=\"num\">25.0 %</td></tr>");
        assertTrue(upload >= 0 && convolutions > upload, section);
        assertTrue(section.contains("<td class=\"num\">1</td><td>upload</td><td class=\"num\">16.00 MiB</td>"), section);
        assertTrue(section.contains("<td>conv_forward_staged</td><td class=\"num\">1,048,576 threads</td>"), section);
    }

    @Test
    void aBrokenStepProfileIsNamedWithTheField() throws Exception {
        Files.writeString(dir.resolve("step-profile.json"), STEP_PROFILE.replace("MILLIS", "\"slow\""));
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("step-profile.json")
                && e.getMessage().contains("trainStep.operations[2].medianMillis"), e.getMessage());
    }

    @Test
    void aBrokenFileIsNamedWithTheField() throws Exception {
        Files.writeString(dir.resolve("LayerBenchmark-x.json"), "[{\"benchmark\": \"a.B.c\", \"primaryMetric\": {}}]");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("LayerBenchmark-x.json") && e.getMessage().contains("'score'"), e.getMessage());
    }

    @Test
    void aMissingFolderIsNamed() {
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> ResultsFolder.load(dir.resolve("nowhere"), null));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void theMainWritesTheFileAndReportsBadInputWithExitStatus2() throws Exception {
        Path out = dir.resolve("sub/report.html");
        assertEquals(0, new picocli.CommandLine(new ReportMain()).execute("--results", RESULTS.toString(), "--out", out.toString()));
        assertTrue(Files.size(out) > 200_000, "chart.js alone is 208 KB");
        assertEquals(2, new picocli.CommandLine(new ReportMain()).execute("--results", dir.resolve("nowhere").toString(),
                "--out", out.toString()));
    }
}
