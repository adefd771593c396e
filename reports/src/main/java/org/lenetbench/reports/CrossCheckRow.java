package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One check of {@code lenet crosscheck --json}: a backend and model against the fp64 reference. */
record CrossCheckRow(String backend, String model, String check, String status, double error, double tolerance,
        String detail) {

    static List<CrossCheckRow> read(Path file) throws IOException {
        return parse(file, Json.read(file));
    }

    /** The checks of {@code root}, the parsed content of {@code file} (named in errors). */
    static List<CrossCheckRow> parse(Path file, JsonNode root) {
        if (!root.isArray()) {
            throw new ReportInputException(file, "(top level)", "a JSON array of checks");
        }
        List<CrossCheckRow> rows = new ArrayList<>();
        for (JsonNode c : root) {
            rows.add(new CrossCheckRow(Json.text(file, c, "backend"), Json.text(file, c, "model"),
                    Json.text(file, c, "check"), Json.text(file, c, "status"), Json.number(file, c, "error"),
                    Json.number(file, c, "tolerance"), c.path("detail").asText("")));
        }
        return rows;
    }
}
