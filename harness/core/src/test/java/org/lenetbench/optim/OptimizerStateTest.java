package org.lenetbench.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.ParameterSpec;

/** The optimizer arithmetic against hand-computed steps. */
class OptimizerStateTest {
    private static final List<ParameterSpec> ONE = List.of(
            new ParameterSpec("w", new int[] {2}, true, r -> 1, ParameterSpec.ElementMask.ALL));

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        OptimizerState s = new OptimizerState(new OptimizerSpec.Sgd(0.9), ONE);
        double[] w = {1, -1};
        s.beginStep();
        s.update("w", w, new double[] {0.5, 0}, 0.1);
        assertArrayEquals(new double[] {0.95, -1}, w, 1e-15);
        s.beginStep();
        s.update("w", w, new double[] {0.5, 0}, 0.1); // v = 0.9·0.5 + 0.5 = 0.95
        assertArrayEquals(new double[] {0.95 - 0.095, -1}, w, 1e-15);
    }

    @Test
    void adamCorrectsBiasAndAddsEpsilonAfterTheSquareRoot() {
        OptimizerState s = new OptimizerState(new OptimizerSpec.Adam(0.9, 0.999, 1e-3), ONE);
        double[] w = {0, 0};
        s.beginStep();
        s.update("w", w, new double[] {2e-3, 0}, 0.01);
        // t = 1: m̂ = g, v̂ = g², step = η·g / (|g| + ε) = 0.01 · 2e-3 / 3e-3
        assertEquals(-0.01 * 2.0 / 3.0, w[0], 1e-15);
        assertEquals(0, w[1], 0, "a zero gradient leaves the weight where it is");
        s.beginStep();
        s.update("w", w, new double[] {2e-3, 0}, 0.01);
        double m = 0.9 * 0.1 * 2e-3 + 0.1 * 2e-3;
        double v = 0.999 * 0.001 * 4e-6 + 0.001 * 4e-6;
        double step = 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-3);
        assertEquals(-0.01 * 2.0 / 3.0 - step, w[0], 1e-15);
    }

    @Test
    void sdlmScalesEachStepByItsCurvature() {
        OptimizerState s = new OptimizerState(new OptimizerSpec.Sdlm(0.02), ONE);
        double[] w = {1, 1};
        assertThrows(IllegalStateException.class, () -> s.update("w", w, new double[] {1, 1}, 0.1));
        s.setCurvature(Map.of("w", new double[] {0.08, 0.98}));
        s.beginStep();
        s.update("w", w, new double[] {1, 1}, 0.1);
        assertArrayEquals(new double[] {1 - 0.1 / 0.1, 1 - 0.1 / 1.0}, w, 1e-15);
    }

    @Test
    void paperScheduleFollowsThePasses() {
        var paper = new LearningRateSchedule.Paper();
        assertEquals(0.0005, paper.rate(0));
        assertEquals(0.0005, paper.rate(1));
        assertEquals(0.0002, paper.rate(2));
        assertEquals(0.0001, paper.rate(7));
        assertEquals(0.00005, paper.rate(11));
        assertEquals(0.00001, paper.rate(12));
        assertEquals("paper (5e-4, 2e-4, 1e-4, 5e-5, 1e-5 per pass)", paper.describe());
        var moved = new LearningRateSchedule.Paper(1e-4);
        double[] expected = {1e-4, 1e-4, 4e-5, 4e-5, 4e-5, 2e-5, 2e-5, 2e-5, 1e-5, 1e-5, 1e-5, 1e-5, 2e-6, 2e-6};
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], moved.rate(epoch), 1e-18, "epoch " + epoch);
        }
        assertEquals("paper's steps from 1e-4 (1e-4, 4e-5, 2e-5, 1e-5, 2e-6 per pass)", moved.describe());
        assertEquals(0.025, new LearningRateSchedule.Step(0.1, 0.5, 2).rate(5), 1e-15);
    }
}
