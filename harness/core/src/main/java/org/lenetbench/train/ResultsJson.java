package org.lenetbench.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.lenetbench.data.ImageSet;
import org.lenetbench.util.AtomicFiles;

/**
 * {@code results.json}: {@code {"summary": {...}, "epochs": [{...}, ...], "final": {...}}}, written atomically.
 * Times are seconds, accuracies fractions in [0, 1].
 */
public final class ResultsJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static void write(Path file, TrainingResult result) throws IOException {
        write(file, result, null);
    }

    /** As above, with the command that reproduces the run ({@code "command"}; none when null). */
    public static void write(Path file, TrainingResult result, String command) throws IOException {
        write(file, result, command, null);
    }

    /**
     * As above, with the first misclassified digits' pixels from {@code test}, the test set the run was evaluated
     * on ({@code "misclassifiedDigits"}, {@link MisclassifiedDigit}; none when null).
     */
    public static void write(Path file, TrainingResult result, String command, ImageSet test) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        if (command != null) {
            root.put("command", command);
        }
        root.put("summary", result.summary());
        root.put("epochs", result.epochs());
        Map<String, Object> fin = new LinkedHashMap<>();
        Evaluation e = result.finalEvaluation();
        fin.put("testImages", e.images());
        fin.put("testLoss", e.loss());
        fin.put("testAccuracy", e.accuracy());
        fin.put("trainingSecondsTo99", result.trainingSecondsTo99());
        if (result.summary().targetAccuracy() > 0) {
            fin.put("trainingSecondsToTarget", result.trainingSecondsToTarget());
        }
        fin.put("confusionMatrix", e.confusion());
        fin.put("misclassifiedTestIndices", e.misclassified());
        if (test != null) {
            fin.put("misclassifiedDigits", MisclassifiedDigit.firstOf(test, e.misclassified()));
        }
        root.put("final", fin);
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(root));
    }
}
