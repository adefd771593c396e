package org.lenetbench.reports;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of scripts/bench-suite's {@value #FILE_NAME} the report reads: the batch size and thread count of the
 * headline whole-network results (the summary's speeds). The file also records each kind of run's JMH options, for
 * the reader. Folders written before the suite recorded it have none; the report then says which settings it assumed.
 */
record SuiteSettings(String batch, String threads) {
    static final String FILE_NAME = "settings.json";

    /** The headline settings of every suite mode before settings.json existed. */
    static final SuiteSettings BEFORE_RECORDED = new SuiteSettings("64", "2");

    static boolean isSettings(Path file) {
        return file.getFileName().toString().equals(FILE_NAME);
    }

    static SuiteSettings parse(Path file, JsonNode root) {
        JsonNode headline = root.path("headline");
        return new SuiteSettings(positive(file, headline, "batch"), positive(file, headline, "threads"));
    }

    /** "batch 64, 2 threads". */
    String describe() {
        return "batch " + batch + ", " + threads + (threads.equals("1") ? " thread" : " threads");
    }

    private static String positive(Path file, JsonNode headline, String field) {
        JsonNode node = headline.get(field);
        if (node == null || !node.canConvertToInt() || node.asInt() < 1) {
            throw new ReportInputException(file, "headline." + field, "a positive whole number");
        }
        return Integer.toString(node.asInt());
    }
}
