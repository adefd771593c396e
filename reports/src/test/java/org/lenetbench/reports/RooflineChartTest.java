package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arithmetic intensity from the recorded counts, and the ceilings read from the committed probes. */
class RooflineChartTest {
    private static final Path RESULTS = Path.of("..", "results", "2026-11-22-cpu-2core");
    private static final Path H100 = Path.of("..", "results", "2026-11-23-h100");
    private static final WorkCounts COUNTS = RecordedWork.today();

    @TempDir
    Path dir;

    private static JmhRecord layer(String layer, String method, int batch, double images) {
        return new JmhRecord("LayerBenchmark", method, Map.of("backend", "x", "model", "lenet5", "layer", layer,
                "batch", String.valueOf(batch), "threads", "1"), images / batch, 0, "ops/s", images, 10, Double.NaN,
                Double.NaN, 1, "25", List.of(), "");
    }

    @Test
    void intensityIsTheRecordedFlopOverTheRecordedBytesAtTheResultsBatch() {
        // lenet5's C1: 2 × 117,600 FLOP; 4 × (1,024 + 4,704) bytes per image and 4 × 156 per batch (ModelWorkTest)
        JmhRecord c1 = layer("c1", "forward", 64, 1000);
        assertEquals(2 * 117_600 / (4 * (1024 + 4704 + 156 / 64.0)), RooflineChart.intensity(COUNTS, c1).getAsDouble(),
                1e-9);
        assertTrue(RooflineChart.intensity(WorkCounts.NONE, c1).isEmpty(), "no recorded counts, no point");
    }

    @Test
    void activationsAndWholeNetworksHaveNoPoint() {
        assertTrue(RooflineChart.intensity(COUNTS, new JmhRecord("NetworkBenchmark", "forward", Map.of("backend", "x",
                "model", "lenet5", "batch", "64", "threads", "1"), 1, 0, "ops/s", 64, 1, Double.NaN, Double.NaN, 1, "25",
                List.of(), "")).isEmpty());
        assertTrue(RooflineChart.intensity(COUNTS, layer("nope", "forward", 64, 1000)).isEmpty());
    }

    @Test
    void roofsAreTheMeasuredProbesOfBothMachines() throws Exception {
        ResultsFolder cpu = ResultsFolder.load(RESULTS, null), gpu = ResultsFolder.load(H100, null);
        List<RooflineChart.Roof> roofs = RooflineChart.roofs(cpu, List.of(gpu));
        assertEquals(List.of("CPU, 1 thread", "CPU, 2 threads", gpu.deviceRoofline().orElseThrow().device()),
                roofs.stream().map(RooflineChart.Roof::label).toList());
        JmhRecord peak2 = cpu.jmh().stream().filter(j -> j.method().equals("fmaPeak") && j.jmhThreads() == 2).findFirst().orElseThrow();
        assertEquals(peak2.flops(), roofs.get(1).peakFlops());
        assertEquals(gpu.deviceRoofline().orElseThrow().triadBytesPerSecond(), roofs.get(2).bytesPerSecond());
    }

    @Test
    void everyCommittedLayerResultWithArithmeticIsAPoint() throws Exception {
        ResultsFolder gpu = ResultsFolder.load(RecordedWork.copyWithTodaysCounts(H100, dir), null);
        List<RooflineChart.Point> points = RooflineChart.points(gpu, " (h100)");
        assertEquals(28, points.size(), "7 layers × 2 directions × 2 batches of jcuda");
        assertTrue(points.stream().allMatch(p -> p.series().equals("jcuda (h100)") && p.intensity() > 0 && p.gflops() > 0
                && p.gflopsError() >= 0), points.toString());
    }
}
