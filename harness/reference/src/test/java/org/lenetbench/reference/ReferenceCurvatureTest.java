package org.lenetbench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Batch;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.Activation;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * SDLM's curvature pass against closed forms where one exists (the layers next to the loss), and its
 * general properties (non-negative, zero on C3's missing connections).
 */
class ReferenceCurvatureTest {

    @Test
    void linearOutputUsesTheSoftmaxGaussNewtonDiagonal() {
        ModelSpec model = Models.lenet5();
        ReferenceNetwork net = new ReferenceNetwork(model);
        net.loadParameters(Initializer.initialize(model, model.defaultInit(), 3));
        Batch batch = RandomBatches.of(model, 4, 9);
        NamedTensors h = net.curvature(batch);

        int outLayer = model.layers().size();
        double[] expected = new double[10 * 84];
        for (int n = 0; n < batch.size(); n++) {
            double[] x = net.activation(batch, n, outLayer - 1); // F6 after its squashing
            double[] y = net.activation(batch, n, outLayer);
            double max = java.util.Arrays.stream(y).max().orElseThrow();
            double sum = java.util.Arrays.stream(y).map(v -> Math.exp(v - max)).sum();
            for (int i = 0; i < 10; i++) {
                double p = Math.exp(y[i] - max) / sum;
                for (int j = 0; j < 84; j++) {
                    expected[i * 84 + j] += x[j] * x[j] * p * (1 - p) / batch.size();
                }
            }
        }
        assertClose(expected, h.get("out.weight"), "out.weight");
    }

    @Test
    void rbfWithMapStartsFromTwoPerInput() {
        ModelSpec model = Models.lenet51998();
        ReferenceNetwork net = new ReferenceNetwork(model);
        net.loadParameters(Initializer.initialize(model, model.defaultInit(), 3));
        Batch batch = RandomBatches.of(model, 4, 9);
        NamedTensors h = net.curvature(batch);

        int f6 = model.layers().indexOf(model.layer("f6"));
        double[] expected = new double[84 * 120];
        for (int n = 0; n < batch.size(); n++) {
            double[] x = net.activation(batch, n, f6);     // C5 output after squashing: F6's input
            double[] a = net.activation(batch, n, f6 + 1); // F6 before squashing
            for (int i = 0; i < 84; i++) {
                double t = Math.tanh(Activation.SCALED_TANH_S * a[i]);
                double fPrime = Activation.SCALED_TANH_A * Activation.SCALED_TANH_S * (1 - t * t);
                for (int j = 0; j < 120; j++) {
                    expected[i * 120 + j] += x[j] * x[j] * fPrime * fPrime * 2 / batch.size();
                }
            }
        }
        assertClose(expected, h.get("f6.weight"), "f6.weight");
    }

    @Test
    void curvatureIsNonNegativeAndZeroWhereC3IsUnconnected() {
        ModelSpec model = Models.lenet51998();
        ReferenceNetwork net = new ReferenceNetwork(model);
        net.loadParameters(Initializer.initialize(model, model.defaultInit(), 4));
        NamedTensors h = net.curvature(RandomBatches.of(model, 3, 2));
        var c3 = model.parametersOf("c3").getFirst();
        for (var entry : h.asMap().entrySet()) {
            for (float v : entry.getValue().data()) {
                assertTrue(v >= 0, entry.getKey() + " has a negative curvature " + v);
            }
        }
        float[] c3h = h.get("c3.weight").data();
        int positive = 0;
        for (int i = 0; i < c3h.length; i++) {
            if (!c3.mask().present(i)) {
                assertEquals(0f, c3h[i], "c3.weight[" + i + "] is unconnected");
            } else if (c3h[i] > 0) {
                positive++;
            }
        }
        assertEquals(60 * 25, positive, "every connected C3 weight gets a positive curvature");
    }

    private static void assertClose(double[] expected, Tensor actual, String name) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], 1e-6 * Math.abs(expected[i]) + 1e-9, name + "[" + i + "]");
        }
    }
}
