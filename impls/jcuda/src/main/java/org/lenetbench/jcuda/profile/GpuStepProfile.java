package org.lenetbench.jcuda.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.jcuda.JcudaBackend;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;

/**
 * Where a jcuda training step and forward pass spend their time on a GPU, copy by copy and kernel by kernel, in the
 * order they run (each waited for: {@link TimedGpu}); the median of a number of steps after as many unmeasured ones.
 * The tool {@code org.lenetbench.jcuda.tools.GpuStepProfiler} runs it on GPU 0.
 */
public final class GpuStepProfile {
    private GpuStepProfile() {}

    /** The profile of {@code steps} training steps and forward passes on the GPU {@code opener} opens. */
    public static Map<String, Object> measure(Supplier<Gpu> opener, ModelSpec model, int batch, int steps) {
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
    public record Phase(List<Step> operations, double totalMillis) {}

    /** An operation ({@link TimedGpu.Operation}'s name and size) and its median time. */
    public record Step(String operation, long size, double medianMillis) {}

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
