package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.lenetbench.train.MisclassifiedDigit;

/**
 * One training run's {@code results.json} (written by {@code lenet train}): what the report shows of it, with the
 * command that reproduces it (empty in files from before it was recorded) and the first misclassified digits' pixels
 * (absent from files from before they were recorded). {@code epochsAsked} may exceed the epochs
 * run when the run's {@code timeBudgetSeconds} (0: none) was spent first.
 */
record AccuracyRun(String name, String backend, String model, String engineVersion, int threads, int batch,
        String optimizer, String schedule, int epochsAsked, double timeBudgetSeconds, List<Epoch> epochs, double finalAccuracy, Double secondsTo99,
        int[][] confusion, int[] misclassified, Optional<List<MisclassifiedDigit>> digits, String command) {

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
        Optional<List<MisclassifiedDigit>> digits = fin.has("misclassifiedDigits")
                ? Optional.of(digits(file, Json.node(file, fin, "misclassifiedDigits", "final.misclassifiedDigits")))
                : Optional.empty();
        String name = file.getParent().getFileName().toString().replaceFirst("^accuracy-", "");
        return new AccuracyRun(name, Json.text(file, summary, "backend"), Json.text(file, summary, "model"),
                summary.path("engineVersion").asText(""), summary.path("threads").asInt(),
                summary.path("batchSize").asInt(), summary.path("optimizer").asText(""),
                summary.path("schedule").asText(""), summary.path("epochs").asInt(epochs.size()),
                summary.path("timeBudgetSeconds").asDouble(0), epochs, Json.number(file, fin, "testAccuracy"),
                to99 == null || to99.isNull() ? null : to99.asDouble(), confusion, misclassified, digits,
                root.path("command").asText(""));
    }

    private static List<MisclassifiedDigit> digits(Path file, JsonNode list) {
        List<MisclassifiedDigit> digits = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String at = "final.misclassifiedDigits[" + i + "]";
            MisclassifiedDigit digit = new MisclassifiedDigit((int) Json.number(file, d, "index", at + ".index"),
                    (int) Json.number(file, d, "label", at + ".label"), (int) Json.number(file, d, "rows", at + ".rows"),
                    (int) Json.number(file, d, "cols", at + ".cols"), Json.text(file, d, "pixels", at + ".pixels"));
            int expected = digit.rows() * digit.cols();
            int length;
            try {
                length = Base64.getDecoder().decode(digit.pixels()).length;
            } catch (IllegalArgumentException e) {
                throw new ReportInputException(file, at + ".pixels", "base64 of " + expected + " bytes: " + e.getMessage());
            }
            if (length != expected) {
                throw new ReportInputException(file, at + ".pixels", "base64 of rows × cols = " + expected
                        + " bytes, got " + length);
            }
            digits.add(digit);
        }
        return digits;
    }

    /** The same run under another name (how the report lists it). */
    AccuracyRun withName(String newName) {
        return new AccuracyRun(newName, backend, model, engineVersion, threads, batch, optimizer, schedule, epochsAsked,
                timeBudgetSeconds, epochs, finalAccuracy, secondsTo99, confusion, misclassified, digits, command);
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
