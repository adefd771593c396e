package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What scripts/bench-suite ran, as it records it in {@value #FILE_NAME}: the batch size and thread count of the
 * headline whole-network results (the summary's speeds) and the JMH options of each kind of run. Folders written
 * before the suite recorded it have none; the report then says which settings it assumed.
 */
record SuiteSettings(String batch, String threads, Map<String, String> jmh) {
    static final String FILE_NAME = "settings.json";

    /** The headline settings of every suite mode before settings.json existed. */
    static final SuiteSettings BEFORE_RECORDED = new SuiteSettings("64", "2", Map.of());

    static boolean isSettings(Path file) {
        return file.getFileName().toString().equals(FILE_NAME);
    }

    static SuiteSettings parse(Path file, JsonNode root) {
        JsonNode headline = root.path("headline");
        Map<String, String> jmh = new LinkedHashMap<>();
        root.path("jmh").properties().forEach(e -> jmh.put(e.getKey(), e.getValue().asText()));
        return new SuiteSettings(positive(file, headline, "batch"), positive(file, headline, "threads"), jmh);
    }

    private static String positive(Path file, JsonNode headline, String field) {
        JsonNode node = headline.get(field);
        if (node == null || !node.canConvertToInt() || node.asInt() < 1) {
            throw new ReportInputException(file, "headline." + field, "a positive whole number");
        }
        return Integer.toString(node.asInt());
    }
}
