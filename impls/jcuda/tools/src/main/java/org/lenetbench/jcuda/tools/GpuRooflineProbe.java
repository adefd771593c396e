package org.lenetbench.jcuda.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lenetbench.jcuda.JcudaBackend;
import org.lenetbench.jcuda.gpu.CudaGpu;
import org.lenetbench.jcuda.profile.GpuRoofline;
import org.lenetbench.train.ResultsJson;
import org.lenetbench.util.AtomicFiles;

/**
 * {@code java -cp lenet.jar:lenet-jcuda-tools.jar org.lenetbench.jcuda.tools.GpuRooflineProbe OUT.json}: measures
 * GPU 0's fp32 FMA peak and memory bandwidth ({@link GpuRoofline}) and writes them as JSON, the GPU's counterpart of
 * the CPU's RooflineBenchmark. scripts/gpu-run runs it; the report divides jcuda's FLOP rates by the peak.
 */
public final class GpuRooflineProbe {
    private GpuRooflineProbe() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GpuRooflineProbe OUT.json");
            System.exit(2);
        }
        GpuRoofline.Result result;
        try (CudaGpu gpu = CudaGpu.open()) {
            result = GpuRoofline.measure(gpu, GpuRoofline.Sizes.GPU);
        }
        byte[] json = ResultsJson.MAPPER.writeValueAsBytes(toJson(result));
        AtomicFiles.write(Path.of(args[0]), json);
        System.out.printf("%s: fp32 FMA %.0f GFLOP/s (median of %d), triad %.0f GB/s, upload %.1f GB/s%n",
                result.device(), result.fmaGflops().median(), result.sizes().samples(),
                result.triadGigabytesPerSecond().median(), result.uploadGigabytesPerSecond().median());
    }

    static Map<String, Object> toJson(GpuRoofline.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device", result.device());
        json.put("jcudaVersion", JcudaBackend.JCUDA_VERSION);
        json.put("fmaPeak", rate(result.fmaGflops(), "GFLOP/s", "roofline.cu fma_peak: " + result.sizes().peakLanes()
                + " lanes × " + GpuRoofline.CHAINS + " chains × " + result.sizes().peakRounds() + " rounds"));
        json.put("triadBandwidth", rate(result.triadGigabytesPerSecond(), "GB/s", "roofline.cu triad: 3 arrays of "
                + result.sizes().triadLength() + " floats, 12 bytes per element"));
        json.put("uploadBandwidth", rate(result.uploadGigabytesPerSecond(), "GB/s", "Gpu.upload of a float[] of "
                + result.sizes().uploadLength() + " on the Java heap (cuMemcpyHtoD from pageable memory), the path a"
                + " batch's images take"));
        return json;
    }

    private static Map<String, Object> rate(GpuRoofline.Rate rate, String unit, String what) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit);
        json.put("median", rate.median());
        json.put("min", rate.min());
        json.put("max", rate.max());
        json.put("samples", rate.samples());
        json.put("what", what);
        return json;
    }
}
