package org.lenetbench.jcuda.profile;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lenetbench.jcuda.gpu.HostGpu;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The step profile on the host build: every copy and launch of a step, in order, each with a time. */
class GpuStepProfileTest {

    @Test
    void aTrainingStepIsTheUploadTheLayersTheLossAndTheUpdate() {
        ModelSpec model = Models.byName("lenet5");
        int batch = 3;
        Map<String, Object> profile = GpuStepProfile.measure(HostGpu::open, model, batch, 2);
        GpuStepProfile.Phase step = (GpuStepProfile.Phase) profile.get("trainStep");
        List<String> names = step.operations().stream().map(GpuStepProfile.Step::operation).toList();
        assertEquals("upload", names.getFirst());
        assertEquals(4L * batch * model.input().shape().size(), step.operations().getFirst().size());
        assertEquals(2, names.stream().filter("conv_forward_staged"::equals).count(), names.toString()); // C1, C3
        assertEquals(2, names.stream().filter("conv_weight_staged"::equals).count(), names.toString());
        assertEquals(1, names.stream().filter("conv_backward_input_staged"::equals).count(), names.toString()); // C3 only
        assertEquals(3, names.stream().filter("gemm_plus_bias"::equals).count(), names.toString()); // C5, F6, output
        // the labels go up and the per-pattern losses come down between the forward and the backward pass
        int loss = names.indexOf("softmax_cross_entropy");
        assertEquals(List.of("upload", "softmax_cross_entropy", "download"), names.subList(loss - 1, loss + 2));
        assertEquals("adam_update", names.getLast());
        assertFalse(names.contains("activation_forward"), "every activation is fused into the layer before it: " + names);
        assertTrue(step.operations().stream().allMatch(s -> s.medianMillis() > 0), step.toString());

        GpuStepProfile.Phase forward = (GpuStepProfile.Phase) profile.get("forward");
        assertEquals("upload", forward.operations().getFirst().operation());
        GpuStepProfile.Step scores = forward.operations().getLast();
        assertEquals("download " + 4L * batch * model.classes(), scores.operation() + " " + scores.size());
        assertEquals(batch, profile.get("batch"));
    }
}
