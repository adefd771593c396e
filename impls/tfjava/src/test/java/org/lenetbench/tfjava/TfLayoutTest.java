package org.lenetbench.tfjava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;

/** The layout conversions, element by element (no TensorFlow needed). */
class TfLayoutTest {
    private static final ModelSpec LENET5 = Models.lenet5();

    private static ParameterSpec spec(String name) {
        return LENET5.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static float[] counting(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void convolutionWeightsBecomeHwio() {
        TfLayout c3 = TfLayout.of(LENET5, spec("c3.weight")); // [16, 6, 5, 5]
        assertArrayEquals(new long[] {5, 5, 6, 16}, c3.tfShape());
        float[] canonical = counting(16 * 6 * 5 * 5);
        float[] tf = c3.toTf(canonical);
        int o = 7, i = 4, y = 2, x = 3;
        assertEquals(canonical[((o * 6 + i) * 5 + y) * 5 + x], tf[((y * 5 + x) * 6 + i) * 16 + o]);
        assertArrayEquals(canonical, c3.toCanonical(tf));
    }

    @Test
    void denseWeightsAfterMapsFollowTheNhwcFlattening() {
        TfLayout c5 = TfLayout.of(LENET5, spec("c5.weight")); // [120, 16·5·5] reading S4's 16@5x5
        assertArrayEquals(new long[] {400, 120}, c5.tfShape());
        float[] canonical = counting(120 * 400);
        float[] tf = c5.toTf(canonical);
        int out = 100, channel = 11, h = 4, w = 1;
        float expected = canonical[out * 400 + (channel * 5 + h) * 5 + w];
        assertEquals(expected, tf[((h * 5 + w) * 16 + channel) * 120 + out]);
        assertArrayEquals(canonical, c5.toCanonical(tf));
    }

    @Test
    void denseWeightsAfterAVectorAreTransposed() {
        TfLayout f6 = TfLayout.of(LENET5, spec("f6.weight")); // [84, 120]
        assertArrayEquals(new long[] {120, 84}, f6.tfShape());
        float[] canonical = counting(84 * 120);
        assertEquals(canonical[5 * 120 + 17], f6.toTf(canonical)[17 * 84 + 5]);
    }

    @Test
    void biasesAndCoefficientsKeepTheirLayout() {
        for (String name : new String[] {"c1.bias", "s2.coef", "s4.bias"}) {
            TfLayout layout = TfLayout.of(LENET5, spec(name));
            float[] values = counting(layout.spec().size());
            assertArrayEquals(values, layout.toTf(values), name);
        }
    }

    @Test
    void activationsRoundTripBetweenNchwAndNhwc() {
        Shape s = new Shape(3, 2, 4);
        float[] nchw = counting(2 * s.size());
        float[] nhwc = new float[nchw.length];
        TfLayout.nchwToNhwc(nchw, nhwc, 2, s);
        // sample 1, channel 2, row 1, column 3
        assertEquals(nchw[24 + (2 * 2 + 1) * 4 + 3], nhwc[24 + (1 * 4 + 3) * 3 + 2]);
        float[] back = new float[nchw.length];
        TfLayout.nhwcToNchw(nhwc, back, 2, s);
        assertArrayEquals(nchw, back);
    }
}
