package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One backend as {@code lenet backends --json} described it when the results were made: available, or why not. */
record BackendStatus(String id, String engine, String version, boolean available, String reason) {

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
                    b.get("available").asBoolean(), b.path("reason").isTextual() ? b.get("reason").asText() : ""));
        }
        return list;
    }
}
