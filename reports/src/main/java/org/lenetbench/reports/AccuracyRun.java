package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One training run's {@code results.json} (written by {@code lenet train}): what the report shows of it, with the
 * command that reproduces it (empty in files from before it was recorded). {@code epochsAsked} may exceed the epochs
 * run when the run's {@code timeBudgetSeconds} (0: none) was spent first.
 */
record AccuracyRun(String name, String backend, String model, String engineVersion, int threads, int batch,
        String optimizer, String schedule, int epochsAsked, double timeBudgetSeconds, List<Epoch> epochs, double finalAccuracy, Double secondsTo99,
        int[][] confusion, int[] misclassified, String dataDirectory, String command) {

    record Epoch(int epoch, double testAccuracy, double testLoss, double trainSeconds) {
    }

    static AccuracyRun read(Path file) throws IOException {
        JsonNode root = Json.read(file);
        JsonNode summary = Json.node(file, root, "summary");
        JsonNode fin = Json.node(file, root, "final");
        List<Epoch> epochs = new ArrayList<>();
        for (JsonNode e : Json.node(file, root, "epochs")) {
            epochs.add(new Epoch(e.path("epoch").asInt(), Json.number(file, e, "testAccuracy"),
                    Json.number(file, e, "testLoss"), Json.number(file, e, "trainSeconds")));
        }
        JsonNode to99 = fin.get("trainingSecondsTo99");
        JsonNode matrix = Json.node(file, fin, "confusionMatrix");
        int[][] confusion = new int[matrix.size()][];
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] = new int[matrix.get(i).size()];
            for (int j = 0; j < confusion[i].length; j++) {
                confusion[i][j] = matrix.get(i).get(j).asInt();
            }
        }
        int[] misclassified = new int[fin.path("misclassifiedTestIndices").size()];
        for (int i = 0; i < misclassified.length; i++) {
            misclassified[i] = fin.get("misclassifiedTestIndices").get(i).asInt();
        }
        String name = file.getParent().getFileName().toString().replaceFirst("^accuracy-", "");
        return new AccuracyRun(name, Json.text(file, summary, "backend"), Json.text(file, summary, "model"),
                summary.path("engineVersion").asText(""), summary.path("threads").asInt(),
                summary.path("batchSize").asInt(), summary.path("optimizer").asText(""),
                summary.path("schedule").asText(""), summary.path("epochs").asInt(epochs.size()),
                summary.path("timeBudgetSeconds").asDouble(0), epochs, Json.number(file, fin, "testAccuracy"),
                to99 == null || to99.isNull() ? null : to99.asDouble(), confusion, misclassified,
                summary.path("dataDirectory").asText(""), root.path("command").asText(""));
    }

    /** Whether the time budget stopped the run before the epochs asked for. */
    boolean stoppedEarly() {
        return epochs.size() < epochsAsked;
    }

    /** "6", or "2 of 6 epochs (45 s budget spent)" when the time budget stopped the run early. */
    String epochsText() {
        return stoppedEarly()
                ? epochs.size() + " of " + epochsAsked + " epochs (" + String.format(java.util.Locale.ROOT, "%.0f", timeBudgetSeconds)
                        + " s budget spent)"
                : String.valueOf(epochs.size());
    }
}
