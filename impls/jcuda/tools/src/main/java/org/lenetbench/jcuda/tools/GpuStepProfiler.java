package org.lenetbench.jcuda.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lenetbench.jcuda.gpu.CudaGpu;
import org.lenetbench.jcuda.profile.GpuStepProfile;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.train.ResultsJson;
import org.lenetbench.util.AtomicFiles;

/**
 * {@code java -cp lenet.jar:lenet-jcuda-tools.jar org.lenetbench.jcuda.tools.GpuStepProfiler OUT.json [MODEL] [BATCH]
 * [STEPS]}: {@link GpuStepProfile} on GPU 0, written as JSON. Defaults: lenet5, batch 4,096, 20 steps.
 * scripts/gpu-run runs it as the part "profile".
 */
public final class GpuStepProfiler {
    private GpuStepProfiler() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: GpuStepProfiler OUT.json [MODEL] [BATCH] [STEPS]");
            System.exit(2);
        }
        ModelSpec model = Models.byName(args.length > 1 ? args[1] : "lenet5");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Map<String, Object> profile = GpuStepProfile.measure(CudaGpu::open, model, batch, steps);
        AtomicFiles.write(Path.of(args[0]), ResultsJson.MAPPER.writeValueAsBytes(profile));
        System.out.printf("%s, %s at batch %d: training step %.3f ms, forward %.3f ms"
                + " (operations waited for one by one)%n",
                profile.get("device"), model.name(), batch, millis(profile, "trainStep"), millis(profile, "forward"));
    }

    private static double millis(Map<String, Object> profile, String phase) {
        return ((GpuStepProfile.Phase) profile.get(phase)).totalMillis();
    }
}
