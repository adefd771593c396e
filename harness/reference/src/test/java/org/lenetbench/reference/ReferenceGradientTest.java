package org.lenetbench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenetbench.backend.Batch;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.params.Initializer;

/**
 * The reference's back-propagated gradients against central finite differences of its own loss, in
 * double precision, for every model and every trainable tensor.
 */
class ReferenceGradientTest {
    private static final double STEP = 1e-5; // balances truncation (h²) against roundoff in the loss (1/h)
    private static final int ELEMENTS_PER_TENSOR = 12;

    static java.util.List<ModelSpec> models() {
        return Models.all();
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsMatchCentralFiniteDifferences(ModelSpec model) {
        ReferenceNetwork net = new ReferenceNetwork(model);
        net.loadParameters(Initializer.initialize(model, model.defaultInit(), 7));
        Batch batch = RandomBatches.of(model, 3, 11);
        net.lossAndGradients(batch); // leaves the double-precision gradients in the store
        ParameterStore store = net.store();
        SplittableRandom pick = new SplittableRandom(5);
        int checked = 0;
        int kinks = 0;
        for (ParameterSpec p : model.trainableParameters()) {
            double[] w = store.value(p.name());
            double[] analytic = store.gradient(p.name()).clone();
            double scale = maxAbs(analytic) + 1e-12;
            for (int e = 0; e < Math.min(ELEMENTS_PER_TENSOR, w.length); e++) {
                int i = pick.nextInt(w.length);
                if (!p.mask().present(i)) {
                    assertEquals(0.0, analytic[i], p.name() + "[" + i + "] is unconnected: its gradient must be 0");
                    continue;
                }
                double saved = w[i];
                double centre = net.meanLoss(batch);
                w[i] = saved + STEP;
                double plus = net.meanLoss(batch);
                w[i] = saved - STEP;
                double minus = net.meanLoss(batch);
                w[i] = saved;
                double tolerance = 1e-5 * scale + 1e-8;
                double forwardSlope = (plus - centre) / STEP;
                double backwardSlope = (centre - minus) / STEP;
                if (Math.abs(forwardSlope - backwardSlope) > 10 * tolerance + 1e-4 * Math.abs(forwardSlope)) {
                    kinks++; // a ReLU or max-pool switch lies within ±STEP: the loss is not smooth here
                    continue;
                }
                double numeric = (plus - minus) / (2 * STEP);
                assertEquals(numeric, analytic[i], tolerance,
                        () -> model.name() + " " + p.name() + "[" + i + "]: backprop vs finite differences");
                checked++;
            }
        }
        assertTrue(checked > 20, "too few elements checked: " + checked);
        assertTrue(kinks * 10 < checked, "too many elements at a kink: " + kinks + " of " + (checked + kinks));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
