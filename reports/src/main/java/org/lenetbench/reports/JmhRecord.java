package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JMH result (one benchmark method with one set of parameters) from a JMH JSON file: its score and error,
 * and the secondary "images" result where the benchmark reports images/s. JMH writes unknown numbers as the
 * string "NaN" (the error of fewer than three samples): those read as {@link Double#NaN}. {@code flops} and
 * {@code bytes} are the roofline probe's secondary results (FLOP/s, bytes/s), {@code jmhThreads} JMH's own thread count ({@code -t}).
 */
record JmhRecord(String benchmarkClass, String method, Map<String, String> params, double score, double error,
        String unit, double images, double imagesError, double flops, double bytes, int jmhThreads, String jdk, List<String> jvmArgs) {

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    boolean hasImages() {
        return !Double.isNaN(images);
    }

    /** The records of {@code root}, the parsed content of {@code file} (named in errors). */
    static List<JmhRecord> parse(Path file, JsonNode root) {
        if (!root.isArray()) {
            throw new ReportInputException(file, "(top level)", "a JSON array of JMH results");
        }
        List<JmhRecord> records = new ArrayList<>();
        for (JsonNode b : root) {
            String benchmark = Json.text(file, b, "benchmark");
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new LinkedHashMap<>();
            b.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode primary = Json.node(file, b, "primaryMetric");
            JsonNode images = b.path("secondaryMetrics").path("images");
            JsonNode flops = b.path("secondaryMetrics").path("flops");
            JsonNode bytes = b.path("secondaryMetrics").path("bytes");
            List<String> jvmArgs = new ArrayList<>();
            b.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            records.add(new JmhRecord(className, benchmark.substring(dot + 1), params, Json.number(file, primary, "score"),
                    Json.number(file, primary, "scoreError"), Json.text(file, primary, "scoreUnit"),
                    images.isMissingNode() ? Double.NaN : Json.number(file, images, "score"),
                    images.isMissingNode() ? Double.NaN : Json.number(file, images, "scoreError"),
                    flops.isMissingNode() ? Double.NaN : Json.number(file, flops, "score"),
                    bytes.isMissingNode() ? Double.NaN : Json.number(file, bytes, "score"), b.path("threads").asInt(1),
                    b.path("vmVersion").asText(""), jvmArgs));
        }
        return records;
    }
}
