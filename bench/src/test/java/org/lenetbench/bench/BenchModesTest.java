package org.lenetbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * scripts/bench-modes is the one place the suite's modes are set: every mode sets every key and measures the headline
 * the report summarises, and the benchmarks' own annotations are the full mode's, so that benchmarks.jar run without
 * options measures as that mode does.
 */
class BenchModesTest {
    private static final Path MODES_FILE = Path.of("..", "scripts", "bench-modes");
    private static final List<String> MODES = List.of("quick", "default", "full", "smoke");
    private static final List<String> KEYS = List.of("network-jmh", "layers-jmh", "profiler-jmh", "network", "layers",
            "roofline-threads", "models", "study-models", "study-seeds", "recipe");

    /** MODE → KEY → value, as scripts/bench-suite reads the file (the words after the key). */
    private static Map<String, Map<String, String>> settings() throws IOException {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MODES_FILE)) {
            String[] words = line.strip().split("\\s+");
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            assertTrue(words.length >= 2, MODES_FILE + ": a line without a key: " + line);
            String value = String.join(" ", Arrays.asList(words).subList(2, words.length));
            String previous = settings.computeIfAbsent(words[0], m -> new LinkedHashMap<>()).put(words[1], value);
            assertEquals(null, previous, MODES_FILE + " sets " + words[0] + " " + words[1] + " twice");
        }
        return settings;
    }

    @Test
    void everyModeSetsEveryKeyAndMeasuresTheHeadline() throws IOException {
        Map<String, Map<String, String>> settings = settings();
        assertEquals(MODES, settings.keySet().stream().filter(m -> !m.equals("all")).toList());
        String batch = settings.get("all").get("headline-batch"), threads = settings.get("all").get("headline-threads");
        for (String mode : MODES) {
            assertEquals(KEYS, List.copyOf(settings.get(mode).keySet()), mode);
            List<String> network = Arrays.asList(settings.get(mode).get("network").split(" "));
            assertTrue(values(network, "batch").contains(batch) && values(network, "threads").contains(threads),
                    mode + "'s network matrix must contain the headline, batch " + batch + " on " + threads
                            + " threads: " + network);
        }
    }

    @Test
    void theBenchmarksAnnotationsAreTheFullModes() throws IOException {
        Map<String, String> full = settings().get("full");
        assertEquals(full.get("network-jmh"), jmhOptions(NetworkBenchmark.class), "NetworkBenchmark");
        assertEquals(full.get("profiler-jmh"), jmhOptions(NetworkBenchmark.class), "the profiled NetworkBenchmark");
        assertEquals(full.get("layers-jmh"), jmhOptions(KernelBenchmark.class), "LayerBenchmark (KernelBenchmark's)");
        assertEquals(full.get("layers-jmh"), jmhOptions(RooflineBenchmark.class), "RooflineBenchmark");
    }

    /** A benchmark class's fork, warm-up and measurement annotations as the JMH options that say the same. */
    private static String jmhOptions(Class<?> benchmark) {
        Fork fork = benchmark.getAnnotation(Fork.class);
        Warmup warmup = benchmark.getAnnotation(Warmup.class);
        Measurement measurement = benchmark.getAnnotation(Measurement.class);
        return "-f " + fork.value() + " -wi " + warmup.iterations() + " -w " + time(warmup.time(), warmup.timeUnit())
                + " -i " + measurement.iterations() + " -r " + time(measurement.time(), measurement.timeUnit());
    }

    private static String time(int amount, TimeUnit unit) {
        return switch (unit) {
            case SECONDS -> amount + "s";
            case MILLISECONDS -> amount + "ms";
            default -> throw new IllegalArgumentException("a time in " + unit);
        };
    }

    /** The values of {@code -p NAME=a,b,c}. */
    private static List<String> values(List<String> matrix, String name) {
        for (int i = 0; i + 1 < matrix.size(); i++) {
            if (matrix.get(i).equals("-p") && matrix.get(i + 1).startsWith(name + "=")) {
                return List.of(matrix.get(i + 1).substring(name.length() + 1).split(","));
            }
        }
        return List.of();
    }
}
