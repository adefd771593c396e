package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The tables of whole networks and of single layers: each result with GFLOP/s and its share of the peak. */
final class ResultTables {
    record Row(String backend, String model, String layer, String method, String batch, String threads, String images,
            String gflops, String ofPeak) {
    }

    private final WrongOnThisMachine wrong;

    ResultTables(WrongOnThisMachine wrong) {
        this.wrong = wrong;
    }

    /** This folder's whole networks (the GPU machine's are in the section across machines). */
    List<Row> networks(ResultsFolder folder) {
        return rows(folder, "NetworkBenchmark", "");
    }

    /** Single layers of every machine, the other machines' with their folder named beside the backend. */
    List<Row> layers(ResultsFolder folder, List<ResultsFolder> others) {
        List<Row> rows = new ArrayList<>(rows(folder, "LayerBenchmark", ""));
        others.forEach(other -> rows.addAll(rows(other, "LayerBenchmark", " (" + other.name() + ")")));
        return rows;
    }

    /** A folder's results of one benchmark class, the backend marked where it is wrong on this machine. */
    private List<Row> rows(ResultsFolder f, String benchmarkClass, String backendSuffix) {
        return f.jmh().stream().filter(j -> j.benchmarkClass().equals(benchmarkClass) && j.hasImages())
                .sorted(Comparator.comparing((JmhRecord j) -> j.param("backend")).thenComparing(j -> j.param("layer"))
                        .thenComparing(JmhRecord::method).thenComparingInt(j -> j.intParam("batch")))
                .map(j -> {
                    String backend = j.param("backend") + backendSuffix;
                    return new Row(wrong.label(backend, backend, j.param("model")), j.param("model"), j.param("layer"),
                            j.method(), j.param("batch"), j.param("threads"), Figures.images(j), Figures.gflops(f, j),
                            Figures.ofPeak(f, j));
                })
                .toList();
    }
}
