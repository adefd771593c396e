package org.lenetbench.jcuda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.util.AtomicFiles;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.train.ResultsJson;

/**
 * {@code java -cp lenet.jar org.lenetbench.jcuda.GpuStepProfile OUT.json [MODEL] [BATCH] [STEPS]}: where a jcuda
 * training step and forward pass spend their time on GPU 0, copy by copy and kernel by kernel, in the order they
 * run (each waited for: {@link TimedGpu}); the median of STEPS steps after as many unmeasured ones. Defaults:
 * lenet5, batch 4,096, 20 steps. scripts/gpu-run runs it as the part "profile".
 */
public final class GpuStepProfile {
    private GpuStepProfile() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: GpuStepProfile OUT.json [MODEL] [BATCH] [STEPS]");
            System.exit(2);
        }
        ModelSpec model = Models.byName(args.length > 1 ? args[1] : "lenet5");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Map<String, Object> profile = measure(CudaGpu::open, model, batch, steps);
        AtomicFiles.write(Path.of(args[0]), ResultsJson.MAPPER.writeValueAsBytes(profile));
        System.out.printf("%s, %s at batch %d: training step %.3f ms, forward %.3f ms"
                + " (operations waited for one by one)%n",
                profile.get("device"), model.name(), batch, ((Phase) profile.get("trainStep")).totalMillis(),
                ((Phase) profile.get("forward")).totalMillis());
    }

    /** The profile of {@code steps} training steps and forward passes on the GPU {@code opener} opens. */
    static Map<String, Object> measure(Supplier<Gpu> opener, ModelSpec model, int batch, int steps) {
        TimedGpu[] timed = new TimedGpu[1];
        JcudaBackend backend = new JcudaBackend(() -> timed[0] = new TimedGpu(opener.get()), "jcuda, profiled");
        if (backend.availability() instanceof Availability.Unavailable u) {
            throw new IllegalStateException("jcuda is unavailable: " + u.reason());
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("device", timed[0].describe());
        profile.put("model", model.name());
        profile.put("batch", batch);
        profile.put("steps", steps);
        try (Network network = backend.open(model, backend.devices().getFirst(), 1)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
            network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            Batch data = RandomBatches.of(model, batch, 2);
            float[] scores = new float[batch * model.classes()];
            profile.put("trainStep", phase(timed[0], steps, () -> network.trainStep(data, 1e-7)));
            profile.put("forward", phase(timed[0], steps, () -> network.forward(data, scores)));
        }
        return profile;
    }

    /** The operations of one call, each with the median of its time over {@code steps} calls. */
    record Phase(List<Step> operations, double totalMillis) {}

    /** An operation ({@link TimedGpu.Operation}'s name and size) and its median time. */
    record Step(String operation, long size, double medianMillis) {}

    private static Phase phase(TimedGpu gpu, int steps, Runnable call) {
        for (int i = 0; i < steps; i++) {
            call.run(); // unmeasured: the driver's first launches, the buffers' first allocation
        }
        gpu.take();
        List<List<TimedGpu.Operation>> calls = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            call.run();
            calls.add(gpu.take());
        }
        List<TimedGpu.Operation> first = calls.getFirst();
        List<Step> operations = new ArrayList<>();
        double total = 0;
        for (int i = 1; i < steps; i++) {
            if (calls.get(i).size() != first.size()) {
                throw new IllegalStateException("call " + i + " made " + calls.get(i).size()
                        + " copies and launches, the first " + first.size());
            }
        }
        for (int k = 0; k < first.size(); k++) {
            double[] millis = new double[steps];
            for (int i = 0; i < steps; i++) {
                TimedGpu.Operation op = calls.get(i).get(k);
                if (!op.name().equals(first.get(k).name())) {
                    throw new IllegalStateException("call " + i + " ran " + op.name() + " where the first ran "
                            + first.get(k).name() + " (operation " + k + ")");
                }
                millis[i] = op.nanos() / 1e6;
            }
            double median = GpuRoofline.Rate.of(millis).median();
            operations.add(new Step(first.get(k).name(), first.get(k).size(), median));
            total += median;
        }
        return new Phase(operations, total);
    }
}
