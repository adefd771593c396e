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
 * {@code bytes} are the roofline probe's secondary results (FLOP/s, bytes/s), {@code jmhThreads} JMH's own thread count ({@code -t}),
 * {@code iterations} the run's forks and iterations as JMH's options ({@code -f 1 -wi 4 -w 2s -i 10 -r 1s}; empty where
 * the file does not say).
 */
record JmhRecord(String benchmarkClass, String method, Map<String, String> params, double score, double error,
        String unit, double images, double imagesError, double flops, double bytes, int jmhThreads, String jdk, List<String> jvmArgs,
        String iterations) {

    /**
     * A result whose error (JMH's 99.9 % confidence interval, of the images/s where there are, else of the score) is
     * more than this fraction of its value is <em>unstable</em>: shown with that mark, never compared, named at the
     * end of the run. Steady-state results of this suite land well under it; a JIT still compiling, a machine
     * busy with something else or an engine whose forks disagree lands above.
     */
    static final double UNSTABLE_ERROR = 0.10;

    /** Whether the error is unknown (fewer than three samples) or above {@link #UNSTABLE_ERROR} of the value. */
    boolean unstable() {
        double relative = relativeError();
        return !(relative <= UNSTABLE_ERROR);
    }

    /** The error as a fraction of the value (images/s where there are, else the score); NaN when unknown. */
    double relativeError() {
        return hasImages() ? imagesError / images : error / score;
    }

    /** The benchmark and its parameters, as in JMH's own listing: {@code NetworkBenchmark.trainStep backend=vector …}. */
    String describe() {
        StringBuilder text = new StringBuilder(benchmarkClass + "." + method);
        new java.util.TreeMap<>(params).forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    /**
     * The command that measures this result again, alone, from the repository root: the JVM options its fork had, the
     * benchmark, its parameters and its iterations.
     */
    String reproducingCommand() {
        StringBuilder command = new StringBuilder("java");
        new java.util.LinkedHashSet<>(jvmArgs).forEach(a -> command.append(' ').append(a));
        command.append(" -jar bench/target/benchmarks.jar '").append(benchmarkClass).append('.').append(method).append("$'");
        new java.util.TreeMap<>(params).forEach((k, v) -> command.append(" -p ").append(k).append('=').append(v));
        if (jmhThreads != 1) {
            command.append(" -t ").append(jmhThreads);
        }
        return iterations.isEmpty() ? command.toString() : command.append(' ').append(iterations).toString();
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** A whole-number parameter (batch, threads), 0 where it is absent or not a number. */
    int intParam(String name) {
        try {
            return Integer.parseInt(param(name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean hasImages() {
        return !Double.isNaN(images);
    }

    /** {@code -f F -wi W -w T -i I -r T} from a result's settings; empty when the file lacks them. */
    private static String iterations(JsonNode b) {
        if (!b.has("forks") || !b.has("warmupIterations") || !b.has("measurementIterations")) {
            return "";
        }
        return "-f " + b.get("forks").asInt() + " -wi " + b.get("warmupIterations").asInt() + " -w "
                + b.path("warmupTime").asText("").replace(" ", "") + " -i " + b.get("measurementIterations").asInt()
                + " -r " + b.path("measurementTime").asText("").replace(" ", "");
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
                    b.path("vmVersion").asText(""), jvmArgs, iterations(b)));
        }
        return records;
    }
}
