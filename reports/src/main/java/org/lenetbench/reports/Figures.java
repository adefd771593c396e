package org.lenetbench.reports;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How the report writes a measured figure: images/s with JMH's error and the unstable mark, GFLOP/s from the counts
 * the folder recorded, and a result's share of the peak measured on its machine.
 */
final class Figures {
    private Figures() {
    }

    /** A result's images/s with its error, marked where it is {@link JmhRecord#unstable() unstable}. */
    static String images(JmhRecord j) {
        String figure = withError(j.images(), j.imagesError());
        return j.unstable() ? figure + " " + unstableMark(j) : figure;
    }

    static String unstableMark(JmhRecord j) {
        return "(" + unstableNote(j) + ")";
    }

    /** "unstable: ±53 %", or "unstable: error unknown". */
    static String unstableNote(JmhRecord j) {
        double relative = j.relativeError();
        return Double.isNaN(relative) ? "unstable: error unknown"
                : String.format(Locale.ROOT, "unstable: ±%.0f %%", 100 * relative);
    }

    static String withError(double value, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", value, error);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** FLOP/s of a network or layer result: images/s × the FLOP per image the folder recorded. */
    static OptionalDouble flopsPerSecond(ResultsFolder f, JmhRecord j) {
        OptionalDouble perImage = f.work().flopPerImage(j);
        return j.hasImages() && perImage.isPresent() ? OptionalDouble.of(j.images() * perImage.getAsDouble())
                : OptionalDouble.empty();
    }

    /** GFLOP/s of a result, or "—". */
    static String gflops(ResultsFolder f, JmhRecord j) {
        OptionalDouble flops = flopsPerSecond(f, j);
        return flops.isPresent() ? String.format(Locale.ROOT, "%,.1f", flops.getAsDouble() / 1e9) : "—";
    }

    /**
     * A result's FLOP rate as a fraction of the peak it is measured against: images/s × FLOP per image ÷ peak
     * FLOP/s, or "—" when either is unknown.
     */
    static String ofPeak(ResultsFolder f, JmhRecord j) {
        OptionalDouble flops = flopsPerSecond(f, j);
        OptionalDouble peak = peakFor(f, j);
        return flops.isPresent() && peak.isPresent()
                ? String.format(Locale.ROOT, "%.1f %%", 100 * flops.getAsDouble() / peak.getAsDouble()) : "—";
    }

    /**
     * The peak a result is measured against: the GPU's probe (gpu-roofline.json) for the jcuda backend, otherwise the
     * folder's CPU probe run with as many threads as the result used.
     */
    private static OptionalDouble peakFor(ResultsFolder f, JmhRecord j) {
        if (j.param("backend").equals("jcuda")) {
            return f.deviceRoofline().map(r -> OptionalDouble.of(r.fmaFlops())).orElse(OptionalDouble.empty());
        }
        int threads = j.intParam("threads"); // 0 where unknown: no probe runs with 0 threads
        return f.jmh().stream().filter(r -> r.benchmarkClass().equals("RooflineBenchmark")
                && r.method().equals("fmaPeak") && r.jmhThreads() == threads && !Double.isNaN(r.flops()))
                .mapToDouble(JmhRecord::flops).findFirst();
    }
}
