package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One backend as {@code lenet backends --json} described it when the results were made: available, or why not, and
 * whether this project computes it or it is a framework ({@code computedByThisProject}; a file from before that
 * field names no framework).
 */
record BackendStatus(String id, String engine, String version, boolean available, String reason,
        boolean computedByThisProject) {

    /** A third-party engine, as this file says: what "× fastest framework" compares with. */
    boolean framework() {
        return !computedByThisProject;
    }

    /** The content of a {@code lenet backends --json} file: an array of objects with "id" and "available". */
    static boolean isBackendList(JsonNode root) {
        return root.isArray() && !root.isEmpty() && root.get(0).has("available") && root.get(0).has("id");
    }

    static List<BackendStatus> parse(Path file, JsonNode root) {
        List<BackendStatus> list = new ArrayList<>();
        for (JsonNode b : root) {
            if (!b.path("id").isTextual() || !b.path("available").isBoolean()) {
                throw new ReportInputException(file, "id/available", "each backend with a string id and a boolean available");
            }
            list.add(new BackendStatus(b.get("id").asText(), b.path("engine").asText(), b.path("version").asText(),
                    b.get("available").asBoolean(), b.path("reason").isTextual() ? b.get("reason").asText() : "",
                    b.path("computedByThisProject").asBoolean(true)));
        }
        return list;
    }
}
