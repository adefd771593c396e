package org.lenetbench.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.InitScheme;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.RbfBitmaps;
import org.lenetbench.tensor.NamedTensors;

class InitializerTest {

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        ModelSpec m = Models.lenet5();
        assertEquals(Initializer.initialize(m, InitScheme.LECUN98, 1), Initializer.initialize(m, InitScheme.LECUN98, 1));
        assertNotEquals(Initializer.initialize(m, InitScheme.LECUN98, 1), Initializer.initialize(m, InitScheme.LECUN98, 2));
    }

    @Test
    void paperInitStaysWithinTwoPointFourOverFanInAndLeavesC3GapsZero() {
        ModelSpec m = Models.lenet51998();
        NamedTensors p = Initializer.initialize(m, InitScheme.LECUN98, 42);
        for (ParameterSpec spec : m.trainableParameters()) {
            float[] data = p.get(spec.name()).data();
            double widest = 0;
            for (int i = 0; i < data.length; i++) {
                int fanIn = spec.fanInOfRow().applyAsInt(i / spec.rowSize());
                double bound = 2.4 / fanIn;
                if (spec.mask().present(i)) {
                    assertTrue(Math.abs(data[i]) <= bound, spec.name() + "[" + i + "] = " + data[i] + " > " + bound);
                    widest = Math.max(widest, Math.abs(data[i]) / bound);
                } else {
                    assertEquals(0f, data[i], spec.name() + "[" + i + "] is unconnected");
                }
            }
            assertTrue(widest > 0.5, spec.name() + " does not use its range: " + widest);
        }
        // C3 map 0 reads 3 maps (fan-in 75), map 15 reads 6 (fan-in 150)
        var c3 = m.parametersOf("c3").getFirst();
        assertEquals(75, c3.fanInOfRow().applyAsInt(0));
        assertEquals(150, c3.fanInOfRow().applyAsInt(15));
        assertEquals(java.util.Arrays.toString(RbfBitmaps.centres()),
                java.util.Arrays.toString(p.get("rbf.centres").data()));
    }

    @Test
    void pytorchInitUsesOneOverSquareRootOfFanIn() {
        ModelSpec m = Models.lenet5Modern();
        float[] c5 = Initializer.initialize(m, InitScheme.PYTORCH, 3).get("c5.weight").data();
        double max = 0;
        for (float v : c5) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 1 / Math.sqrt(400) && max > 0.9 / Math.sqrt(400), "max |c5.weight| = " + max);
    }
}
