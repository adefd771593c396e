package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The charts' data, as the page's script reads it (JSON): accuracy per epoch per run; network and layer images/s
 * with their errors; the roofline; whole networks across machines.
 */
final class ChartData {
    record Data(List<AccuracySeries> accuracy, Bars network, Bars layers, Roofline roofline,
            AcrossMachinesSection.Bars acrossMachines) {
    }

    /** One run's test accuracy in percent, as [epoch, accuracy] points. */
    record AccuracySeries(String label, List<double[]> points) {
    }

    /** A grouped bar chart: categories on the x axis, one series per name, images/s with JMH's error. */
    record Bars(List<String> categories, List<BarSeries> series) {
    }

    record BarSeries(String label, double[] values, double[] errors) {
    }

    /** Ceilings in GFLOP/s and GB/s, and the layer results of every machine grouped by series. */
    record Roofline(List<Roof> roofs, List<PointSeries> series) {
    }

    record Roof(String label, double peak, double bandwidth) {
    }

    record PointSeries(String label, List<Point> points) {
    }

    /** x: FLOP per byte, y: GFLOP/s ± error. */
    record Point(double x, double y, double error, String name) {
    }

    private ChartData() {
    }

    static String json(ResultsFolder folder, List<ResultsFolder> others, WrongOnThisMachine wrong,
            AcrossMachinesSection acrossMachines) {
        Data data = new Data(
                folder.runsAndFirstSeeds().stream().map(r -> new AccuracySeries(wrong.label(r.name(), r.backend(), r.model()),
                        r.epochs().stream().map(e -> new double[] {e.epoch(), 100 * e.testAccuracy()}).toList())).toList(),
                bars(folder, "NetworkBenchmark", j -> wrong.label(j.param("backend") + " " + j.param("model") + " b"
                        + j.param("batch") + " t" + j.param("threads"), j.param("backend"), j.param("model")),
                        JmhRecord::method),
                bars(folder, "LayerBenchmark", j -> j.param("layer"),
                        j -> wrong.label(j.param("backend") + " " + j.method(), j.param("backend"), j.param("model"))),
                roofline(folder, others), acrossMachines.bars());
        try {
            return Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Roofline roofline(ResultsFolder folder, List<ResultsFolder> others) {
        List<RooflineChart.Point> points = new ArrayList<>(RooflineChart.points(folder, ""));
        others.forEach(other -> points.addAll(RooflineChart.points(other, " (" + other.name() + ")")));
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        points.forEach(p -> bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>())
                .add(new Point(p.intensity(), p.gflops(), p.gflopsError(), p.label())));
        return new Roofline(RooflineChart.roofs(folder, others).stream()
                .map(r -> new Roof(r.label(), r.peakFlops() / 1e9, r.bytesPerSecond() / 1e9)).toList(),
                bySeries.entrySet().stream().map(e -> new PointSeries(e.getKey(), e.getValue())).toList());
    }

    /** A category with an unstable result among its bars is labelled so. */
    private static Bars bars(ResultsFolder folder, String benchmarkClass, Function<JmhRecord, String> plainCategory,
            Function<JmhRecord, String> series) {
        List<JmhRecord> records = folder.jmh().stream()
                .filter(j -> j.benchmarkClass().equals(benchmarkClass) && j.hasImages()).toList();
        Set<String> unstable = new HashSet<>();
        records.stream().filter(JmhRecord::unstable).forEach(j -> unstable.add(plainCategory.apply(j)));
        Function<JmhRecord, String> category = j -> {
            String c = plainCategory.apply(j);
            return unstable.contains(c) ? c + " (unstable)" : c;
        };
        List<String> categories = records.stream().map(category).distinct().toList();
        Map<String, BarSeries> bySeries = new LinkedHashMap<>();
        for (JmhRecord j : records) {
            BarSeries s = bySeries.computeIfAbsent(series.apply(j),
                    k -> new BarSeries(k, new double[categories.size()], new double[categories.size()]));
            int i = categories.indexOf(category.apply(j));
            s.values()[i] = j.images();
            s.errors()[i] = Double.isNaN(j.imagesError()) ? 0 : j.imagesError();
        }
        return new Bars(categories, List.copyOf(bySeries.values()));
    }
}
