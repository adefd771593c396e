package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The roofline chart's data: each machine's ceilings (measured fp32 FMA peak, and measured bandwidth × arithmetic
 * intensity) and every single-layer result placed at its arithmetic intensity, with JMH's error as GFLOP/s.
 */
final class RooflineChart {
    /** A machine's measured limits: FLOP/s and bytes/s. */
    record Roof(String label, double peakFlops, double bytesPerSecond) {
    }

    /** One layer result: FLOP per byte of compulsory traffic, and its GFLOP/s ± JMH's error. */
    record Point(String series, String label, double intensity, double gflops, double gflopsError) {
    }

    private RooflineChart() {
    }

    /** FLOP per byte of compulsory traffic, or empty where either is unknown (or the layer does no arithmetic). */
    static OptionalDouble intensity(WorkCounts work, JmhRecord j) {
        OptionalDouble flop = work.flopPerImage(j), bytes = work.bytesPerImage(j);
        if (flop.isEmpty() || bytes.isEmpty() || flop.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(flop.getAsDouble() / bytes.getAsDouble());
    }

    /**
     * Ceilings: the CPU probe at each thread count it ran with, then each other machine's (its folder named) and the
     * GPU's probe where a folder has one.
     */
    static List<Roof> roofs(ResultsFolder first, List<ResultsFolder> others) {
        List<Roof> roofs = new ArrayList<>(cpuRoofs(first, ""));
        first.deviceRoofline().ifPresent(r -> roofs.add(new Roof(r.device(), r.fmaFlops(), r.triadBytesPerSecond())));
        for (ResultsFolder other : others) {
            roofs.addAll(cpuRoofs(other, " (" + other.name() + ")"));
            other.deviceRoofline().ifPresent(r -> roofs.add(new Roof(r.device(), r.fmaFlops(), r.triadBytesPerSecond())));
        }
        return roofs;
    }

    private static List<Roof> cpuRoofs(ResultsFolder f, String suffix) {
        List<Roof> roofs = new ArrayList<>();
        f.jmh().stream().filter(j -> j.benchmarkClass().equals("RooflineBenchmark") && j.method().equals("fmaPeak"))
                .map(JmhRecord::jmhThreads).distinct().sorted().forEach(threads -> {
                    OptionalDouble peak = probe(f, "fmaPeak", threads), bandwidth = probe(f, "triadBandwidth", threads);
                    if (peak.isPresent() && bandwidth.isPresent()) {
                        roofs.add(new Roof("CPU, " + threads + (threads == 1 ? " thread" : " threads") + suffix,
                                peak.getAsDouble(), bandwidth.getAsDouble()));
                    }
                });
        return roofs;
    }

    private static OptionalDouble probe(ResultsFolder f, String method, int threads) {
        return f.jmh().stream().filter(j -> j.benchmarkClass().equals("RooflineBenchmark") && j.method().equals(method)
                && j.jmhThreads() == threads).mapToDouble(j -> method.equals("fmaPeak") ? j.flops() : j.bytes())
                .filter(Double::isFinite).findFirst();
    }

    /** A folder's single-layer results as points, one series per backend (and machine, where {@code suffix} names it). */
    static List<Point> points(ResultsFolder f, String suffix) {
        List<Point> points = new ArrayList<>();
        for (JmhRecord j : f.jmh()) {
            if (!j.benchmarkClass().equals("LayerBenchmark") || !j.hasImages()) {
                continue;
            }
            OptionalDouble ai = intensity(f.work(), j), flops = Figures.flopsPerSecond(f, j);
            if (ai.isPresent()) {
                double perImage = flops.getAsDouble() / j.images();
                double error = Double.isNaN(j.imagesError()) ? 0 : j.imagesError() * perImage;
                points.add(new Point(j.param("backend") + suffix, j.param("layer") + " " + j.method() + " b"
                        + j.param("batch") + " t" + j.param("threads"), ai.getAsDouble(), flops.getAsDouble() / 1e9, error / 1e9));
            }
        }
        return points;
    }
}
