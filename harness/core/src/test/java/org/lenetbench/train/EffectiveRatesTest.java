package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

class EffectiveRatesTest {

    @Test
    void rangeComesFromTheLargestAndSmallestNonZeroCurvature() {
        Map<String, Tensor> h = new LinkedHashMap<>();
        h.put("c3.weight", new Tensor(new int[] {3}, new float[] {0f, 0.03f, 0.5f}));
        h.put("f6.bias", new Tensor(new int[] {2}, new float[] {2f, 0.25f}));
        EffectiveRates r = EffectiveRates.of(new NamedTensors(h), 5e-4, 0.02);
        assertEquals(5e-4 / (0.02 + 2), r.smallest(), 1e-12);
        assertEquals(5e-4 / (0.02 + 0.03f), r.largest(), 1e-12); // the zero (a missing connection) is left out
    }

    @Test
    void anAllZeroCurvatureIsAnError() {
        var zero = new NamedTensors(Map.of("w", new Tensor(new int[] {2}, new float[2])));
        var e = assertThrows(IllegalArgumentException.class, () -> EffectiveRates.of(zero, 5e-4, 0.02));
        assertEquals("SDLM curvature is zero for every parameter", e.getMessage());
    }
}
