package org.lenetbench.reports;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The environment: the forks' JDK and flags, the engines' versions, and each machine's description and limits. */
final class EnvironmentSection {
    record Entry(String key, String value) {
    }

    private EnvironmentSection() {
    }

    static List<Entry> of(ResultsFolder folder, List<ResultsFolder> others) {
        Map<String, String> env = new LinkedHashMap<>();
        folder.jmh().stream().map(JmhRecord::jdk).filter(s -> !s.isEmpty()).distinct()
                .forEach(v -> env.merge("JDK (JMH forks)", v, (a, b) -> a + ", " + b));
        folder.jmh().stream().map(j -> String.join(" ", j.jvmArgs())).distinct()
                .forEach(v -> env.merge("JVM flags (JMH forks)", v, (a, b) -> a + " | " + b));
        folder.runsAndFirstSeeds().stream().map(r -> r.backend() + ": " + r.engineVersion()).distinct()
                .forEach(v -> env.merge("engines (training runs)", v, (a, b) -> a + "; " + b));
        describeMachine(folder, "", env);
        folder.mode().ifPresent(m -> env.put("benchmark suite mode", m));
        others.forEach(other -> describeMachine(other, ", " + other.name(), env));
        return env.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
    }

    /** A folder's measured limits, machine.txt and place, each key ending with {@code suffix}. */
    private static void describeMachine(ResultsFolder f, String suffix, Map<String, String> env) {
        f.jmh().stream().filter(j -> j.benchmarkClass().equals("RooflineBenchmark"))
                .sorted(Comparator.comparing(JmhRecord::method).thenComparing(JmhRecord::jmhThreads))
                .forEach(j -> env.put((j.method().equals("fmaPeak")
                        ? "fp32 FMA peak, " + j.jmhThreads() + " thread(s) (RooflineBenchmark)"
                        : "memory bandwidth, triad, " + j.jmhThreads() + " thread(s) (RooflineBenchmark)") + suffix,
                        j.method().equals("fmaPeak") ? String.format(Locale.ROOT, "%.1f GFLOP/s", j.flops() / 1e9)
                                : String.format(Locale.ROOT, "%.1f GB/s", j.bytes() / 1e9)));
        f.deviceRoofline().ifPresent(r -> {
            env.put("GPU" + suffix, r.device());
            env.put("GPU fp32 FMA peak (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.0f GFLOP/s", r.fmaFlops() / 1e9));
            env.put("GPU memory bandwidth, triad (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.0f GB/s", r.triadBytesPerSecond() / 1e9));
            r.uploadBytesPerSecond().ifPresent(upload -> env.put(
                    "Upload of a Java float[] to the GPU (GpuRooflineProbe)" + suffix,
                    String.format(Locale.ROOT, "%,.1f GB/s", upload / 1e9)));
        });
        if (!f.machine().isEmpty()) {
            env.put("machine (" + ResultsFolder.MACHINE_FILE + ")" + suffix, f.machineText());
        }
        env.put("results folder" + suffix, f.dir().toString());
    }
}
