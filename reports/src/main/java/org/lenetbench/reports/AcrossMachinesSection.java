package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whole networks on every machine side by side: a table with one row per backend, model, direction, batch and
 * threads that any machine measured, and a chart of each backend's fastest result per machine.
 */
final class AcrossMachinesSection {
    record Row(String backend, String model, String method, String batch, String threads, List<Cell> cells) {
    }

    /** One machine's figure: images/s (marked where unstable) and the fraction of its own peak. */
    record Cell(String images, String ofPeak) {
        static final Cell NONE = new Cell("—", "—");
    }

    /** The chart: per model and direction (categories), one series per backend and machine. */
    record Bars(List<String> categories, List<Series> series) {
        static final Bars NONE = new Bars(List.of(), List.of());
    }

    /** images/s with JMH's error, and per category the batch and threads of the result shown. */
    record Series(String label, double[] values, double[] errors, String[] notes) {
    }

    private final ResultsFolder folder;
    private final List<ResultsFolder> machines;
    private final List<String> labels;
    private final WrongOnThisMachine wrong;

    /** {@code machines}: this folder first; {@code labels}: each machine's ({@link MachineLabels}), in that order. */
    AcrossMachinesSection(List<ResultsFolder> machines, List<String> labels, WrongOnThisMachine wrong) {
        this.folder = machines.getFirst();
        this.machines = machines;
        this.labels = labels;
        this.wrong = wrong;
    }

    List<Row> rows() {
        if (machines.size() < 2) {
            return List.of();
        }
        record Key(String backend, String model, String method, int batch, int threads) {
        }
        Map<Key, JmhRecord[]> byKey = new TreeMap<>(Comparator.comparing(Key::backend).thenComparing(Key::model)
                .thenComparing(Key::method).thenComparingInt(Key::batch).thenComparingInt(Key::threads));
        for (int m = 0; m < machines.size(); m++) {
            for (JmhRecord j : networks(machines.get(m))) {
                Key key = new Key(j.param("backend"), j.param("model"), j.method(), j.intParam("batch"),
                        j.intParam("threads"));
                byKey.computeIfAbsent(key, k -> new JmhRecord[machines.size()])[m] = j;
            }
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, results) -> {
            List<Cell> cells = new ArrayList<>();
            for (int m = 0; m < results.length; m++) {
                JmhRecord j = results[m];
                cells.add(j == null ? Cell.NONE : new Cell(Figures.images(j), Figures.ofPeak(machines.get(m), j)));
            }
            rows.add(new Row(key.backend(), key.model(), key.method(), String.valueOf(key.batch()),
                    String.valueOf(key.threads()), cells));
        });
        return rows;
    }

    /** Each backend's best images/s per machine over the batch sizes and thread counts it was measured at. */
    Bars bars() {
        if (machines.size() < 2) {
            return Bars.NONE;
        }
        record Bar(String series, String category) {
        }
        Map<Bar, JmhRecord> best = new LinkedHashMap<>();
        for (int m = 0; m < machines.size(); m++) {
            ResultsFolder f = machines.get(m);
            String machine = labels.get(m);
            networks(f).forEach(j -> best.merge(new Bar((f == folder ? wrong.label(j.param("backend"),
                    j.param("backend"), j.param("model")) : j.param("backend")) + " (" + machine + ")",
                    j.param("model") + " " + (j.method().equals("forward") ? "inference" : "training")), j,
                    (a, b) -> a.images() >= b.images() ? a : b));
        }
        List<String> categories = best.keySet().stream().map(Bar::category).distinct().sorted().toList();
        Map<String, Series> bySeries = new LinkedHashMap<>();
        best.forEach((bar, j) -> {
            int n = categories.size(), i = categories.indexOf(bar.category());
            Series s = bySeries.computeIfAbsent(bar.series(),
                    k -> new Series(k, new double[n], new double[n], new String[n]));
            s.values()[i] = j.images();
            s.errors()[i] = Double.isNaN(j.imagesError()) ? 0 : j.imagesError();
            s.notes()[i] = "batch " + j.param("batch") + ", " + j.param("threads") + " threads"
                    + (j.unstable() ? ", " + Figures.unstableNote(j) : "");
        });
        return new Bars(categories, List.copyOf(bySeries.values()));
    }

    private static List<JmhRecord> networks(ResultsFolder f) {
        return f.jmh().stream().filter(j -> j.benchmarkClass().equals("NetworkBenchmark") && j.hasImages()).toList();
    }
}
