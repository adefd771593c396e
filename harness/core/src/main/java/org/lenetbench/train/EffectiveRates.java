package org.lenetbench.train;

import org.lenetbench.tensor.NamedTensors;

/**
 * SDLM's per-parameter step sizes ε_k = η / (μ + h_kk) for one pass, as their smallest and largest: the
 * paper reports this range for its first pass (about 7e-5 to 0.016). Parameters whose curvature is exactly
 * zero, C3's missing connections, are left out: they never move.
 */
public record EffectiveRates(double smallest, double largest) {

    public static EffectiveRates of(NamedTensors curvature, double learningRate, double mu) {
        double hMin = Double.POSITIVE_INFINITY;
        double hMax = 0;
        for (var tensor : curvature.asMap().values()) {
            for (float h : tensor.data()) {
                if (h > 0) {
                    hMin = Math.min(hMin, h);
                    hMax = Math.max(hMax, h);
                }
            }
        }
        if (hMax == 0) {
            throw new IllegalArgumentException("SDLM curvature is zero for every parameter");
        }
        return new EffectiveRates(learningRate / (mu + hMax), learningRate / (mu + hMin));
    }
}
